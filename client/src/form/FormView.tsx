import type { FormDefinition, FormNode } from '@kusanya/schemas';
import { useI18n } from '../i18n/i18n.js';
import { FieldInput } from './FieldInput.js';
import { localize } from './labels.js';

type Answers = Record<string, unknown>;

interface Props {
  definition: FormDefinition;
  data: Answers;
  errors: Record<string, string>;
  onChange(data: Answers): void;
}

/** Renders a form definition's questions, groups and repeats (rosters as one card per member). */
export function FormView({ definition, data, errors, onChange }: Props) {
  return <Nodes nodes={definition.fields} definition={definition} data={data} errors={errors} prefix="" onChange={onChange} />;
}

function Nodes({ nodes, definition, data, errors, prefix, onChange }: Props & { nodes: FormNode[]; prefix: string }) {
  const { lang, t } = useI18n();
  return (
    <>
      {nodes.map((node) => {
        const path = `${prefix}${node.name}`;
        if (node.type === 'group') {
          return (
            <fieldset key={path} className="group">
              <legend>{localize(node.label, lang, definition)}</legend>
              <Nodes nodes={node.children ?? []} definition={definition} data={data} errors={errors} prefix={prefix} onChange={onChange} />
            </fieldset>
          );
        }
        if (node.type === 'repeat') {
          const rows = Array.isArray(data[node.name]) ? (data[node.name] as Answers[]) : [];
          const setRows = (next: Answers[]) => onChange({ ...data, [node.name]: next });
          return (
            <section key={path} className="repeat" aria-label={localize(node.label, lang, definition)}>
              <h2>{localize(node.label, lang, definition)}</h2>
              {errors[path] ? <p className="field-error" role="alert">{errors[path]}</p> : null}
              {rows.map((row, i) => (
                <div key={i} className="card member">
                  <div className="card-head">
                    <h3>{t('form.member', { n: i + 1 })}</h3>
                    <button type="button" className="secondary" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                      {t('form.removeMember')}
                    </button>
                  </div>
                  <Nodes
                    nodes={node.children ?? []}
                    definition={definition}
                    data={row}
                    errors={errors}
                    prefix={`${path}[${i}].`}
                    onChange={(nextRow) => setRows(rows.map((r, j) => (j === i ? nextRow : r)))}
                  />
                </div>
              ))}
              {node.maxCount === undefined || rows.length < node.maxCount ? (
                <button type="button" className="secondary wide" onClick={() => setRows([...rows, {}])}>
                  + {t('form.addMember')}
                </button>
              ) : null}
            </section>
          );
        }
        return (
          <FieldInput
            key={path}
            node={node}
            definition={definition}
            path={path}
            value={data[node.name]}
            error={errors[path]}
            onChange={(value) => {
              const next = { ...data };
              if (value === undefined) delete next[node.name];
              else next[node.name] = value;
              onChange(next);
            }}
          />
        );
      })}
    </>
  );
}
