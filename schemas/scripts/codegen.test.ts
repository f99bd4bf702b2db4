import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateTypes, generateValidators } from './codegen.js';

const read = (name: string) => readFile(new URL(`../src/generated/${name}`, import.meta.url), 'utf8');

describe('generated schema artefacts', () => {
  it('types.ts matches the schemas (run `npm run gen:schemas` after editing a schema)', async () => {
    expect(await read('types.ts')).toBe(await generateTypes());
  });

  it('validators match the schemas (run `npm run gen:schemas` after editing a schema)', async () => {
    const { js, dts } = generateValidators();
    expect(await read('validators.js')).toBe(js);
    expect(await read('validators.d.ts')).toBe(dts);
  });
});
