import { describe, expect, it } from 'vitest';
import { parseCsvRows } from './csv.js';

describe('CSV form media', () => {
  it('reads a header and rows, with quoted fields, doubled quotes and line breaks inside quotes', () => {
    const text =
      '\ufeffname , label,label::fr\r\nCL1,"Gitega, centre","Gitega ""ville"""\n\nCL2,  Ngozi  ,"deux\nlignes"\nCL3\n';
    expect(parseCsvRows(text)).toEqual([
      { name: 'CL1', label: 'Gitega, centre', 'label::fr': 'Gitega "ville"' },
      { name: 'CL2', label: 'Ngozi', 'label::fr': 'deux\nlignes' },
      { name: 'CL3' },
    ]);
  });

  it('ignores cells beyond the header and reads a file without a final line break', () => {
    expect(parseCsvRows('a,b\n1,2,3\n4,5')).toEqual([
      { a: '1', b: '2' },
      { a: '4', b: '5' },
    ]);
    expect(parseCsvRows('')).toEqual([]);
    expect(parseCsvRows('"",b\n1,2')).toEqual([{ b: '2' }]);
  });

  it('says where a file cannot be read', () => {
    expect(() => parseCsvRows('code;title\nCL1;"unterminated\n')).toThrow(/line 2: a quote inside a field/);
    expect(() => parseCsvRows('a,b\n1,"open\n')).toThrow(/quote opened on line 2 is never closed/);
    expect(() => parseCsvRows('a\n"x"y\n')).toThrow(/line 2: text after the closing quote/);
  });
});
