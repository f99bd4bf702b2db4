import { writeFile } from 'node:fs/promises';
import { generateTypes, generateValidators } from './codegen.js';

const out = new URL('../src/generated/', import.meta.url);
const validators = generateValidators();
await writeFile(new URL('types.ts', out), await generateTypes());
await writeFile(new URL('validators.js', out), validators.js);
await writeFile(new URL('validators.d.ts', out), validators.dts);
process.stdout.write('schemas: generated src/generated/{types.ts,validators.js,validators.d.ts}\n');
