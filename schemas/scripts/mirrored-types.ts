/**
 * Finds hand-written TypeScript types that mirror a schema's type: an interface or object type whose property
 * names are those of a type generated from `src/schemas` (all of them, or most of a larger one). Such a type
 * drifts from the schema silently; derive it instead (`DecisionRequest['decision']`, `Pick<…>`, `Omit<…>`).
 * Used by `mirrored-types.test.ts`, which fails on any finding.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Mirror {
  file: string;
  line: number;
  name: string;
  schemaType: string;
}

type Shapes = Map<string, Set<string>>;

/** Files declaring no object type are not parsed (most are not). */
const OBJECT_TYPE = /\binterface\s+\w+|\btype\s+\w+(<[^=]*>)?\s*=\s*\{/;

const memberNames = (members: ts.NodeArray<ts.TypeElement>) =>
  members.flatMap((m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? [m.name.text] : []));

/** Property names of every object type declared in a source text (interfaces, with the generated types they extend). */
function declaredShapes(text: string, file: string, generated: Shapes) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: { name: string; line: number; keys: Set<string> }[] = [];
  const visit = (node: ts.Node) => {
    let keys: string[] | null = null;
    let name = '';
    if (ts.isInterfaceDeclaration(node)) {
      name = node.name.text;
      keys = memberNames(node.members);
      for (const clause of node.heritageClauses ?? []) {
        for (const t of clause.types) keys.push(...(generated.get(t.expression.getText(source)) ?? []));
      }
    } else if (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type)) {
      name = node.name.text;
      keys = memberNames(node.type.members);
    }
    if (keys)
      found.push({ name, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, keys: new Set(keys) });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether a hand-written shape restates a schema's: the same property names, or at least 3 of a larger one's ≥ 60 %. */
function mirrors(keys: Set<string>, schema: Set<string>): boolean {
  if (keys.size < 2 || [...keys].some((k) => !schema.has(k))) return false;
  return keys.size === schema.size || (keys.size >= 3 && keys.size / schema.size >= 0.6);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === 'node_modules' || entry === 'generated' || entry === 'dist') return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

export function findMirroredTypes(root: string, dirs: string[]): Mirror[] {
  const generatedFile = join(root, 'schemas/src/generated/types.ts');
  const generated: Shapes = new Map(
    declaredShapes(readFileSync(generatedFile, 'utf8'), generatedFile, new Map()).map((s) => [s.name, s.keys]),
  );
  const mirrorsFound: Mirror[] = [];
  for (const file of dirs.flatMap((d) => sourceFiles(join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    if (!OBJECT_TYPE.test(text)) continue;
    for (const shape of declaredShapes(text, file, generated)) {
      for (const [schemaType, keys] of generated) {
        // A type named like a schema's whose properties are all the schema's restates it (even a small one).
        const namesake = generated.get(shape.name);
        const restatesNamesake = namesake !== undefined && [...shape.keys].every((k) => namesake.has(k));
        if (restatesNamesake || mirrors(shape.keys, keys)) {
          mirrorsFound.push({
            file: relative(root, file),
            line: shape.line,
            name: shape.name,
            schemaType: restatesNamesake ? shape.name : schemaType,
          });
          break;
        }
      }
    }
  }
  return mirrorsFound;
}
