import { describe, expect, it } from 'vitest';
import { cellValue, csvField, csvLine } from './cells.js';

describe('export cells', () => {
  it('writes answers as one cell each', () => {
    expect(cellValue(['RADIO', 'BICYCLE'])).toBe('RADIO BICYCLE');
    expect(cellValue({ lat: -3.4, lon: 29.9, accuracy: 5 })).toBe('-3.4 29.9  5');
    expect(cellValue(true)).toBe('yes');
    expect(cellValue(undefined)).toBeNull();
  });

  it('quotes CSV fields that need it and never lets a spreadsheet run a formula', () => {
    expect(csvLine(['Bénigne', 'a,b', 'say "hi"', null, 12])).toBe('Bénigne,"a,b","say ""hi""",,12\r\n');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+25779123456')).toBe('+25779123456');
    expect(csvField('-3.4')).toBe('-3.4');
    expect(csvField('-cmd')).toBe("'-cmd");
  });
});
