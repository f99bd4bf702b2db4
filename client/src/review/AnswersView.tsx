import type { FormDefinition, FormNode } from '@kusanya/schemas';
import { localize } from '../form/labels.js';
import { useI18n } from '../i18n/i18n.js';

type Answers = Record<string, unknown>;

/** The text of one answer with choice labels in the chosen language. */
export function answerText(
  node: FormNode | undefined,
  value: unknown,
  definition: FormDefinition,
  lang: string,
  yesNo: (v: boolean) => string,
): string {
  if (value === undefined || value === null || value === '') return '—';
  const choices = node?.list ? (definition.choices[node.list] ?? []) : [];
  const label = (name: unknown) => {
    const choice = choices.find((c) => c.name === name);
    return choice ? localize(choice.label, lang, definition) : String(name);
  };
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'object') {
    const gps = value as { lat?: number; lon?: number; accuracy?: number };
    return gps.lat !== undefined
      ? `${gps.lat}, ${gps.lon} (±${Math.round(gps.accuracy ?? 0)} m)`
      : JSON.stringify(value);
  }
  return node?.list ? label(value) : String(value);
}

/** Every question of a form by name (names are unique across a form). */
export function nodesByName(nodes: readonly FormNode[], into = new Map<string, FormNode>()): Map<string, FormNode> {
  for (const node of nodes) {
    into.set(node.name, node);
    if (node.children) nodesByName(node.children, into);
  }
  return into;
}

/** Read-only answers, by section, with the form's labels in the chosen language; rosters as one card per member. */
export function AnswersView({ definition, data }: { definition: FormDefinition; data: Answers }) {
  return (
    <div className="answers">
      <Section nodes={definition.fields} definition={definition} data={data} />
    </div>
  );
}

function Section({
  nodes,
  definition,
  data,
}: {
  nodes: readonly FormNode[];
  definition: FormDefinition;
  data: Answers;
}) {
  const { lang, t } = useI18n();
  const yesNo = (v: boolean) => (v ? t('review.yes') : t('review.no'));
  return (
    <>
      {nodes.map((node) => {
        if (node.type === 'group') {
          const inner = node.children ?? [];
          if (!hasAnswers(inner, data)) return null;
          return (
            <section key={node.name} className="answer-group">
              <h3>{localize(node.label, lang, definition)}</h3>
              <Section nodes={inner} definition={definition} data={data} />
            </section>
          );
        }
        if (node.type === 'repeat') {
          const rows = Array.isArray(data[node.name]) ? (data[node.name] as Answers[]) : [];
          return (
            <section key={node.name} className="answer-group">
              <h3>
                {localize(node.label, lang, definition)} ({rows.length})
              </h3>
              <div className="member-cards">
                {rows.map((row, i) => (
                  <div key={i} className="card">
                    <h4>{t('review.member', { n: i + 1 })}</h4>
                    <Section nodes={node.children ?? []} definition={definition} data={row} />
                  </div>
                ))}
              </div>
            </section>
          );
        }
        if (
          node.type === 'note' ||
          node.type === 'calculate' ||
          node.appearance === 'hidden' ||
          data[node.name] === undefined
        )
          return null;
        return (
          <div key={node.name} className="answer-row">
            <span className="answer-label">{localize(node.label, lang, definition) || node.name}</span>
            <span className="answer-value">{answerText(node, data[node.name], definition, lang, yesNo)}</span>
          </div>
        );
      })}
    </>
  );
}

function hasAnswers(nodes: readonly FormNode[], data: Answers): boolean {
  return nodes.some((n) =>
    n.children ? hasAnswers(n.children, data) : data[n.name] !== undefined && n.type !== 'note',
  );
}
