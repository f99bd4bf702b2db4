import { describe, expect, it } from 'vitest';
import { parseLocationsCsv } from './locations-import.js';

const none = () => undefined;

describe('parseLocationsCsv', () => {
  it('reads a hierarchy whose parents come first', () => {
    const csv = 'code,name,level,parent_code,scheme\nBI,Burundi,country,,2025\nP1,Gitega,province,BI,2025\n';
    const result = parseLocationsCsv(csv, none, { isSample: true });
    expect(result).toMatchObject({
      ok: true,
      locations: [
        { code: 'BI', parentCode: null },
        { code: 'P1', parentCode: 'BI', isSample: true },
      ],
    });
  });

  it('lists every problem with its row and column', () => {
    const csv = [
      'code,name,level,parent_code,scheme,valid_from',
      'BI,Burundi,country,,2025,',
      'P1,,province,BI,2025,2025/07/01',
      'C1,Gitega,commune,BI,2025,',
      'P1,Again,province,BI,2025,',
      'X1,Nowhere,district,BI,,',
    ].join('\n');
    const result = parseLocationsCsv(csv, none, { isSample: false });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((p) => `${p.row}:${p.column}`);
    expect(problems).toEqual(['3:name', '3:valid_from', '4:parent_code', '5:code', '6:level', '6:scheme']);
  });

  it('accepts parents already stored', () => {
    const stored = (code: string) => (code === 'Z1' ? { level: 'zone' } : undefined);
    expect(
      parseLocationsCsv('code,name,level,parent_code,scheme\nCL1,Mubuga,colline,Z1,2025', stored, { isSample: false })
        .ok,
    ).toBe(true);
  });
});
