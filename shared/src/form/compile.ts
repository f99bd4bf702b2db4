import type { FormDefinition } from '@kusanya/schemas';
import { bindAll, createBinder } from './bind.js';
import { buildTree } from './build-tree.js';
import { buildGraph } from './graph.js';
import { InstanceSet, type FormMediaTexts } from './instances.js';
import { scopeOwner, type CompiledForm, type CompiledNode } from './model.js';
import { FormCompileError, type FormProblem } from './problems.js';

/**
 * Compiles a form definition once: node tree, checked and bound expressions, dependency graph
 * and evaluation order. The result is immutable and meant to be kept by the caller (one per
 * published form version) and shared by every {@link FormSession} and `validateAnswers` call.
 */
export interface CompileOptions {
  /**
   * The text of the form's data files (CSV, XML, GeoJSON media), by file name. A file not given here
   * reads as missing: the questions that need it say so.
   */
  readonly media?: FormMediaTexts;
}

export function compileForm(definition: FormDefinition, options: CompileOptions = {}): CompiledForm {
  const result = tryCompileForm(definition, options);
  if (!result.ok) throw new FormCompileError(result.problems);
  return result.form;
}

export type TryCompileResult =
  | { ok: true; form: CompiledForm; warnings: FormProblem[] }
  | { ok: false; problems: FormProblem[]; warnings: FormProblem[] };

/** Like {@link compileForm} but returns every problem instead of throwing. */
export function tryCompileForm(definition: FormDefinition, options: CompileOptions = {}): TryCompileResult {
  const problems: FormProblem[] = [];
  const warnings: FormProblem[] = [];
  const instances = new InstanceSet(definition, options.media ?? new Map());
  if (!definition.languages.includes(definition.defaultLanguage)) {
    problems.push({ message: `the default language '${definition.defaultLanguage}' is not among the form languages` });
  }
  const tree = buildTree(definition, instances, problems);
  const instanceName = bindAll(
    tree,
    definition,
    createBinder(tree, instances, problems, warnings),
    instances,
    problems,
    warnings,
  );
  const rankCount = buildGraph(tree.nodes, problems);

  let areaField: CompiledNode | undefined;
  if (definition.areaField !== undefined) {
    areaField = tree.byName.get(definition.areaField);
    if (!areaField) {
      problems.push({
        property: 'areaField',
        message: `the area field '${definition.areaField}' is not a question of the form`,
      });
    } else if (areaField.repeatPath.length > 0 || !['select_one', 'text', 'calculate'].includes(areaField.type)) {
      problems.push({
        node: areaField.name,
        property: 'areaField',
        message: 'the area field must be a select_one, text or calculate outside any repeat',
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems, warnings };

  const nodes: readonly CompiledNode[] = tree.nodes;
  const scopeMembers = new Map<CompiledNode | null, CompiledNode[]>();
  for (const node of nodes) {
    const owner = scopeOwner(node);
    const list = scopeMembers.get(owner) ?? [];
    list.push(node);
    scopeMembers.set(owner, list);
  }
  const order = [...nodes].sort((a, b) => a.rank - b.rank || a.id - b.id);
  const watchAll = nodes.filter((n) =>
    [n.relevant, n.calculation, n.choiceFilter, n.repeatCount].some((b) => b?.dependsOnAll),
  );
  return {
    ok: true,
    warnings,
    form: {
      definition,
      nodes,
      byName: tree.byName,
      roots: tree.roots,
      order,
      scopeMembers,
      languages: definition.languages,
      defaultLanguage: definition.defaultLanguage,
      rankCount,
      instances,
      watchAll,
      ...(areaField ? { areaField } : {}),
      ...(instanceName ? { instanceName } : {}),
    },
  };
}
