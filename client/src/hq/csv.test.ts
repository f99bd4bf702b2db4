import { describe, expect, it } from 'vitest';
import { csvDialect } from '@kusanya/shared/csv/cells';
import { csvText } from './csv.js';

describe('the dashboards CSV download', () => {
  it('never lets a spreadsheet run a formula from a name or label (issue 12, Low)', () => {
    const text = csvText(
      ['enumerator', 'count'],
      [
        ['=HYPERLINK("http://x","click")', 3],
        ['@SUM(A1)', '+25779123456'],
      ],
    );
    expect(text).toBe(
      '\uFEFFenumerator,count\r\n"\'=HYPERLINK(""http://x"",""click"")",3\r\n\'@SUM(A1),+25779123456\r\n',
    );
  });

  it('separates with ";" and writes decimal commas for a French spreadsheet, "," and "." in English', () => {
    const rows = [['Mubuga; Gitega', 12.5]];
    expect(csvText(['colline', 'rate'], rows, csvDialect('fr'))).toBe(
      '\uFEFFcolline;rate\r\n"Mubuga; Gitega";12,5\r\n',
    );
    expect(csvText(['colline', 'rate'], rows, csvDialect('rn'))).toBe(
      '\uFEFFcolline;rate\r\n"Mubuga; Gitega";12,5\r\n',
    );
    expect(csvText(['colline', 'rate'], rows, csvDialect('en'))).toBe('\uFEFFcolline,rate\r\nMubuga; Gitega,12.5\r\n');
  });
});
