import { describe, expect, it } from 'vitest';
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
});
