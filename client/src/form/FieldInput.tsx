import type { Choice, FormDefinition, FormNode } from '@kusanya/schemas';
import { useI18n } from '../i18n/i18n.js';
import { localize } from './labels.js';

interface Props {
  node: FormNode;
  definition: FormDefinition;
  value: unknown;
  error?: string | undefined;
  path: string;
  onChange(value: unknown): void;
}

/** One question: label, hint, the input for its type, and its message. Touch targets are at least 48 px. */
export function FieldInput({ node, definition, value, error, path, onChange }: Props) {
  const { lang, t } = useI18n();
  const id = `q-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const label = localize(node.label, lang, definition) || node.name;
  const hint = localize(node.hint, lang, definition);
  const choices: Choice[] = node.list ? (definition.choices[node.list] ?? []) : [];
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';

  if (node.type === 'note') return <p className="note">{label}</p>;
  if (node.type === 'calculate') return null;

  const input = (() => {
    switch (node.type) {
      case 'integer':
      case 'decimal':
        return (
          <input
            id={id}
            name={path}
            type="number"
            inputMode={node.type === 'integer' ? 'numeric' : 'decimal'}
            step={node.type === 'integer' ? 1 : 'any'}
            value={text}
            onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
          />
        );
      case 'date':
        return <input id={id} name={path} type="date" value={text} onChange={(e) => onChange(e.target.value || undefined)} />;
      case 'select_one':
        if (choices.length > 6) {
          return (
            <select id={id} name={path} value={text} onChange={(e) => onChange(e.target.value || undefined)}>
              <option value="">{t('form.select')}</option>
              {choices.map((c) => (
                <option key={c.name} value={c.name}>
                  {localize(c.label, lang, definition)}
                </option>
              ))}
            </select>
          );
        }
        return (
          <div className="choices" role="radiogroup" aria-labelledby={`${id}-label`}>
            {choices.map((c) => (
              <label key={c.name} className={`choice ${value === c.name ? 'chosen' : ''}`}>
                <input type="radio" name={path} value={c.name} checked={value === c.name} onChange={() => onChange(c.name)} />
                {localize(c.label, lang, definition)}
              </label>
            ))}
          </div>
        );
      case 'select_multiple': {
        const selected = Array.isArray(value) ? (value as string[]) : [];
        return (
          <div className="choices" role="group" aria-labelledby={`${id}-label`}>
            {choices.map((c) => (
              <label key={c.name} className={`choice ${selected.includes(c.name) ? 'chosen' : ''}`}>
                <input
                  type="checkbox"
                  name={path}
                  value={c.name}
                  checked={selected.includes(c.name)}
                  onChange={(e) => onChange(e.target.checked ? [...selected, c.name] : selected.filter((s) => s !== c.name))}
                />
                {localize(c.label, lang, definition)}
              </label>
            ))}
          </div>
        );
      }
      default:
        return <input id={id} name={path} type="text" value={text} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />;
    }
  })();

  return (
    <div className={`question ${error ? 'has-error' : ''}`}>
      <label id={`${id}-label`} htmlFor={id} className="question-label">
        {label}
        {node.required === true ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? <p className="hint">{hint}</p> : null}
      {input}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
