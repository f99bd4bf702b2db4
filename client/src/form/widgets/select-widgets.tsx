import type { ChoiceOption, NodeState } from '@kusanya/shared/form/engine';
import { memo, useContext, useMemo, useState, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStore } from '../hooks.js';
import { TableListContext } from '../table-list.js';
import type { WidgetProps } from '../widgets.js';
import { LabelMediaView } from './label-media.js';

/**
 * Select questions and their appearances: big buttons (short lists), a drop-down (`minimal`, lists over
 * 8), a search box over the list (`autocomplete`, `search(...)`, lists over 200), grids (`columns`,
 * `columns-N`, `columns-pack`, `compact`), a row (`horizontal`, `quick`), a `likert` scale, and the two
 * halves of a table-list (`label`: the choices only; `list-nolabel`: the buttons only).
 */

/** Lists longer than this are a drop-down; shorter ones are big buttons. */
const MAX_BUTTONS = 8;
/** Lists longer than this are searched rather than scrolled. */
const MAX_DROPDOWN = 200;
/** Matches shown at once while searching. */
const SHOWN_MATCHES = 30;

const tokensOf = (appearance: string | undefined) => (appearance ?? '').toLowerCase().split(/\s+/).filter(Boolean);

function has(state: NodeState, token: string): boolean {
  return tokensOf(state.appearance).some((t) => t === token || t.startsWith(`${token}(`) || t.startsWith(`${token}-`));
}

/** Whether a select is searched in a box (`autocomplete`, `search()`, very long lists). */
export function isAutocomplete(state: NodeState): boolean {
  if (has(state, 'minimal') && !has(state, 'autocomplete')) return false;
  return has(state, 'autocomplete') || has(state, 'search') || (state.choices?.length ?? 0) > MAX_DROPDOWN;
}

/** Whether a select_one is shown as a drop-down (long lists, `minimal`). */
export function isDropdown(state: NodeState): boolean {
  if (isAutocomplete(state)) return false;
  return (state.choices?.length ?? 0) > MAX_BUTTONS || has(state, 'minimal');
}

/** The layout class and, for `columns-N`, the number of columns. */
function layout(state: NodeState): { className: string; style?: CSSProperties } {
  const tokens = tokensOf(state.appearance);
  const columns = tokens.map((t) => /^(?:columns|compact)-(\d+)$/.exec(t)?.[1]).find(Boolean);
  if (columns) return { className: 'choices grid', style: { '--columns': columns } as CSSProperties };
  if (tokens.includes('columns') || tokens.includes('columns-pack') || tokens.includes('compact'))
    return { className: 'choices grid' };
  if (tokens.includes('likert')) return { className: 'choices likert' };
  if (tokens.some((t) => ['horizontal', 'horizontal-compact', 'quick', 'quickcompact'].includes(t)))
    return { className: 'choices horizontal' };
  return { className: 'choices' };
}

/** A row of a table-list: one column per choice, under the header. */
function tableLayout(count: number): { className: string; style: CSSProperties } {
  return { className: 'choices grid', style: { '--columns': count } as CSSProperties };
}

/** Folded text for searching: no case, no accents. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function ChoiceText({ state, choice }: { state: NodeState; choice: ChoiceOption }) {
  const store = useFormStore();
  const form = store.session.form;
  const media = form.byName.get(state.name)?.choiceByName?.get(choice.name)?.media;
  return (
    <>
      {media ? <LabelMediaView media={media} form={form} language={store.session.language} alt={choice.label} /> : null}
      <span>{choice.label}</span>
    </>
  );
}

export function SelectOneWidget({ state, id, describedBy, set, labelId }: WidgetProps & { labelId: string }) {
  const { t } = useI18n();
  const inTable = useContext(TableListContext);
  const choices = state.choices ?? [];
  const value = typeof state.value === 'string' ? state.value : '';
  if (isAutocomplete(state)) return <Autocomplete state={state} id={id} describedBy={describedBy} set={set} />;
  if (isDropdown(state)) {
    return (
      <select
        id={id}
        name={state.path}
        value={value}
        disabled={state.readOnly}
        aria-describedby={describedBy}
        aria-required={state.required || undefined}
        aria-invalid={state.invalid ? true : undefined}
        onChange={(e) => set(e.target.value)}
      >
        <option value="">{t('form.choose')}</option>
        {choices.map((c) => (
          <option key={c.name} value={c.name}>
            {c.label}
          </option>
        ))}
      </select>
    );
  }
  const tokens = tokensOf(state.appearance);
  if (tokens.includes('label')) return <ChoiceHeader state={state} />;
  const noLabel = inTable || tokens.includes('list-nolabel');
  const { className, style } = inTable ? tableLayout(choices.length) : layout(state);
  return (
    <>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-required={state.required || undefined}
        className={className}
        style={style}
      >
        {choices.map((c) => (
          <label key={c.name} className={`choice${value === c.name ? ' chosen' : ''}${noLabel ? ' nolabel' : ''}`}>
            <input
              type="radio"
              name={id}
              value={c.name}
              checked={value === c.name}
              disabled={state.readOnly}
              aria-label={noLabel ? c.label : undefined}
              onChange={() => set(c.name)}
            />
            {noLabel ? null : <ChoiceText state={state} choice={c} />}
          </label>
        ))}
      </div>
      {value !== '' && !state.readOnly && !state.required ? (
        <button type="button" className="link" onClick={() => set(undefined)}>
          {t('form.clear')}
        </button>
      ) : null}
    </>
  );
}

/** The `label` appearance: the choices as column headers of a table-list. */
function ChoiceHeader({ state }: { state: NodeState }) {
  const { className, style } = layout(state);
  return (
    <div className={`${className} choice-header`} style={style} aria-hidden="true">
      {(state.choices ?? []).map((c) => (
        <span key={c.name} className="choice">
          <ChoiceText state={state} choice={c} />
        </span>
      ))}
    </div>
  );
}

export function SelectMultipleWidget({ state, describedBy, set, id }: WidgetProps) {
  const inTable = useContext(TableListContext);
  const choices = state.choices ?? [];
  const selected = Array.isArray(state.value) ? (state.value as readonly string[]) : [];
  if (isAutocomplete(state)) return <Autocomplete state={state} id={id} describedBy={describedBy} set={set} multiple />;
  const tokens = tokensOf(state.appearance);
  if (tokens.includes('label')) return <ChoiceHeader state={state} />;
  const noLabel = inTable || tokens.includes('list-nolabel');
  const { className, style } = inTable ? tableLayout(choices.length) : layout(state);
  return (
    <div className={className} style={style} aria-describedby={describedBy}>
      {choices.map((c) => {
        const on = selected.includes(c.name);
        return (
          <label key={c.name} className={`choice${on ? ' chosen' : ''}${noLabel ? ' nolabel' : ''}`}>
            <input
              type="checkbox"
              name={id}
              value={c.name}
              checked={on}
              disabled={state.readOnly}
              aria-label={noLabel ? c.label : undefined}
              onChange={(e) => set(e.target.checked ? [...selected, c.name] : selected.filter((s) => s !== c.name))}
            />
            {noLabel ? null : <ChoiceText state={state} choice={c} />}
          </label>
        );
      })}
    </div>
  );
}

interface AutocompleteProps {
  readonly state: NodeState;
  readonly id: string;
  readonly describedBy: string | undefined;
  set(value: unknown): void;
  readonly multiple?: boolean;
}

/**
 * A search box over a long list (3,037 collines): the labels are folded once (no case, no accents), each
 * keystroke keeps the choices whose label or name contains every word typed, and at most 30 are shown.
 */
export const Autocomplete = memo(function Autocomplete({ state, id, describedBy, set, multiple }: AutocompleteProps) {
  const { t } = useI18n();
  const choices = useMemo(() => state.choices ?? [], [state.choices]);
  const folded = useMemo(() => choices.map((c) => `${fold(c.label)} ${fold(c.name)}`), [choices]);
  const [text, setText] = useState('');
  const selected = multiple
    ? Array.isArray(state.value)
      ? (state.value as readonly string[])
      : []
    : typeof state.value === 'string'
      ? [state.value]
      : [];
  const words = fold(text).split(/\s+/).filter(Boolean);
  const matches = useMemo(() => {
    if (words.length === 0) return [];
    const out: ChoiceOption[] = [];
    let count = 0;
    for (let i = 0; i < choices.length; i++) {
      const haystack = folded[i]!;
      if (words.every((w) => haystack.includes(w))) {
        count++;
        if (out.length < SHOWN_MATCHES) out.push(choices[i]!);
      }
    }
    return Object.assign(out, { count });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- words follow text
  }, [text, choices, folded]);
  const label = (name: string) => choices.find((c) => c.name === name)?.label ?? name;
  const choose = (name: string) => {
    if (multiple) set(selected.includes(name) ? selected.filter((s) => s !== name) : [...selected, name]);
    else set(name);
    setText('');
  };
  const listId = `${id}-matches`;
  const count = (matches as ChoiceOption[] & { count?: number }).count ?? 0;
  return (
    <div className="autocomplete" data-testid="autocomplete">
      {selected.length > 0 ? (
        <ul className="chosen-list">
          {selected.map((name) => (
            <li key={name}>
              <span>{t('widget.chosen', { label: label(name) })}</span>
              {!state.readOnly ? (
                <button type="button" className="link" onClick={() => (multiple ? choose(name) : set(undefined))}>
                  {multiple ? t('form.remove') : t('widget.change')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!state.readOnly && (multiple || selected.length === 0) ? (
        <>
          <input
            id={id}
            type="search"
            autoComplete="off"
            role="combobox"
            aria-expanded={matches.length > 0}
            aria-controls={listId}
            aria-describedby={describedBy}
            aria-required={state.required || undefined}
            placeholder={t('widget.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {words.length > 0 ? (
            <div>
              <ul id={listId} role="listbox" className="matches">
                {matches.map((c) => (
                  <li key={c.name} role="option" aria-selected={selected.includes(c.name)}>
                    <button type="button" className="choice" onClick={() => choose(c.name)}>
                      {c.label}
                    </button>
                  </li>
                ))}
              </ul>
              <p className="hint" role="status">
                {count === 0
                  ? t('widget.noMatch', { text })
                  : count > matches.length
                    ? t('widget.matches', { shown: matches.length, count })
                    : ''}
              </p>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
});
