import type { Draft, FormDefinition, FormDoc, FormNode, HouseholdDoc } from '@kusanya/schemas';
import { v7 } from 'uuid';
import type { KusanyaDatabase } from '../db/database.js';

/** The roster and the member key the registry uses (forms/household_survey.xlsx). */
const ROSTER = 'members';
const MEMBER_KEY = 'individual_id';

function questionNames(nodes: readonly FormNode[], into: { top: Set<string>; roster: Set<string> }, inRoster = false) {
  for (const node of nodes) {
    if (node.type === 'group') questionNames(node.children ?? [], into, inRoster);
    else if (node.type === 'repeat') questionNames(node.children ?? [], into, node.name === ROSTER);
    else if (node.type !== 'note' && node.type !== 'calculate') (inRoster ? into.roster : into.top).add(node.name);
  }
  return into;
}

const keep = (values: Record<string, unknown>, names: Set<string>) =>
  Object.fromEntries(Object.entries(values).filter(([k]) => names.has(k)));

/**
 * The answers a revisit starts from: the household's current registry values and its members, each carrying
 * their registry id (so the registry knows who stayed, who left and who is new). Answers to questions the
 * form version no longer has are left out.
 */
export function revisitAnswers(household: HouseholdDoc, definition: FormDefinition): Draft['data'] {
  const names = questionNames(definition.fields, { top: new Set(), roster: new Set() });
  return {
    ...keep(household.values, names.top),
    [ROSTER]: household.members.map((m) => ({ ...keep(m.values, names.roster), [MEMBER_KEY]: m.individualId })),
  };
}

/** Starts a revisit of a registry household with the newest version of its form (DESIGN.md §2 `meta.subject`). */
export async function createRevisitDraft(db: KusanyaDatabase, household: HouseholdDoc, form: FormDoc): Promise<Draft> {
  const now = new Date();
  const id = v7();
  const draft: Draft = {
    id,
    kind: 'new',
    submissionId: id,
    formId: form.formId,
    formVersion: form.version,
    data: revisitAnswers(household, form.definition),
    startedAt: now.toISOString(),
    updatedAt: now.getTime(),
    subject: { householdId: household.id, baseVersion: household.version },
  };
  await db.drafts.insert(draft);
  return draft;
}
