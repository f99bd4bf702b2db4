import type { FormLabels, HouseholdPage } from '@kusanya/schemas';
import { Link } from 'wouter';
import { useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { answerText, dateText, fieldLabel, fullName, pick, placeName } from './format.js';
import { LinkedMediaPanel } from '../media/LinkedMediaPanel.js';
import { useHqI18n } from './i18n.js';

type Change = HouseholdPage['timeline'][number]['changes'][number];
const PLACE_FIELDS = new Set(['province', 'commune', 'zone', 'colline']);

/** A household: where it is, its members, its current answers, and every change with who approved it. */
export function HouseholdScreen({ id }: { id: string }) {
  const { t, lang } = useHqI18n();
  const { data, error, loading } = useResource('GET /api/registry/households/:id', { params: { id } });
  if (error)
    return (
      <main className="hq">
        <p className="error" role="alert">
          {errorText(error, t)}
        </p>
      </main>
    );
  if (loading || !data)
    return (
      <main className="hq" aria-busy="true">
        <p>{t('hq.loading')}</p>
      </main>
    );
  const { household: h, members, labels } = data;
  const current = members.filter((m) => m.endedAt === null);
  const former = members.filter((m) => m.endedAt !== null);
  const names = new Map(members.map((m) => [m.individualId, fullName(m)]));

  return (
    <main className="hq wide-main">
      <p>
        <Link href="/registry">← {t('hq.registry.back')}</Link>
      </p>
      <h1>
        {t('hq.household')} {h.code}
      </h1>
      <section className="card facts">
        <Fact label={t('hq.level.colline')} value={placeName(h.areaName, h.area, lang)} />
        <Fact label={t('hq.level.zone')} value={h.zone ? placeName(h.zoneName, h.zone, lang) : '—'} />
        <Fact label={t('hq.level.commune')} value={placeName(h.communeName, h.commune, lang)} />
        <Fact label={t('hq.level.province')} value={placeName(h.provinceName, h.province, lang)} />
        <Fact label={t('hq.household.size')} value={String(h.size)} />
        <Fact label={t('hq.household.version')} value={String(h.version)} />
        <Fact label={t('hq.household.registered')} value={dateText(h.createdAt, lang)} />
        <Fact label={t('hq.household.updated')} value={dateText(h.updatedAt, lang)} />
      </section>

      <h2>{t('hq.household.members', { count: current.length })}</h2>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th>{t('hq.member.name')}</th>
              <th>{t('hq.member.role')}</th>
              <th>{t('hq.member.sex')}</th>
              <th>{t('hq.member.birth')}</th>
              <th>{t('hq.member.recipient')}</th>
              <th>{t('hq.nationalId')}</th>
              <th>{t('hq.member.phone')}</th>
            </tr>
          </thead>
          <tbody>
            {current.map((m) => (
              <tr key={m.individualId}>
                <td>
                  <strong>{fullName(m)}</strong>
                  {m.respondent ? <small className="muted"> · {t('hq.member.respondent')}</small> : null}
                </td>
                <td>
                  {t(`hq.role.${m.role}`)}
                  {m.relationship && m.role === 'OTHER'
                    ? ` (${answerText(m.relationship, labels?.repeats['members']?.['relationship_detail'], lang)})`
                    : ''}
                </td>
                <td>{answerText(m.sex, labels?.repeats['members']?.['sex'], lang)}</td>
                <td>
                  {m.birthDate
                    ? dateText(m.birthDate, lang)
                    : m.birthYear
                      ? t('hq.member.about', { year: m.birthYear })
                      : '—'}
                </td>
                <td>{m.recipient ? t(`hq.recipient.${m.recipient}`) : '—'}</td>
                <td>{m.nationalId ?? '—'}</td>
                <td>{m.phone ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {former.length > 0 ? (
        <p className="muted">
          {t('hq.household.former')}:{' '}
          {former
            .map((m) => `${fullName(m)} (${t('hq.member.leftOn', { date: dateText(m.endedAt, lang) })})`)
            .join(', ')}
        </p>
      ) : null}

      <h2>{t('hq.household.answers')}</h2>
      <Answers values={h.values} labels={labels} />

      <LinkedMediaPanel
        media={data.media}
        title={t('media.ofHousehold')}
        labelOf={(field) => fieldLabel(labels, field, lang)}
        history
      />

      <h2>{t('hq.household.history')}</h2>
      <ol className="timeline">
        {data.timeline.map((entry) => (
          <li key={`${entry.householdVersion}-${entry.submissionId}`} className="card">
            <p>
              <strong>{dateText(entry.at, lang, true)}</strong> ·{' '}
              {t('hq.history.approvedBy', { name: entry.approvedBy })} · {t('hq.household.version')}{' '}
              {entry.householdVersion} ·{' '}
              <Link href={`/submissions/${entry.submissionId}`}>{t('hq.history.submission')}</Link>
            </p>
            <ul className="changes">
              {entry.changes.map((c, i) => (
                <li key={i}>{describe(c, names, labels, lang, t)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>

      <h2>{t('hq.household.submissions')}</h2>
      <ul className="list">
        {data.submissions.map((s) => (
          <li key={s.id} className="card row">
            <span>
              <Link href={`/submissions/${s.id}`}>{t(`hq.form.${s.formId}`)}</Link>{' '}
              {s.revisit ? <span className="badge">{t('hq.household.revisit')}</span> : null}
              <br />
              <small>
                {dateText(s.receivedAt, lang, true)} · {s.enumerator}
              </small>
            </span>
            <span className={`badge status-${s.status}`}>{t(`status.${s.status}`)}</span>
          </li>
        ))}
      </ul>

      {data.grievancesVisible ? (
        <>
          <h2>{t('hq.household.grievances')}</h2>
          {data.grievances.length === 0 ? <p className="muted">{t('hq.household.noGrievances')}</p> : null}
          <ul className="list">
            {data.grievances.map((g) => (
              <li key={g.id} className={`card row${g.overdue ? ' overdue' : ''}`}>
                <span>
                  <Link href={`/grievances/${g.id}`}>{g.code}</Link> ·{' '}
                  {t(`hq.category.${g.category ?? 'UNCATEGORISED'}`)}
                  <br />
                  <small>
                    {dateText(g.receivedAt, lang)} · {t(`hq.link.${g.link}`)}
                  </small>
                </span>
                <span className={`badge ticket-${g.status}`}>{t(`hq.ticket.${g.status}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </main>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="fact">
      <small>{label}</small>
      <strong>{value}</strong>
    </div>
  );
}

/** The household's answers, by the form's groups, with question and choice labels. */
export function Answers({
  values,
  labels,
  repeat,
}: {
  values: Record<string, unknown>;
  labels: FormLabels | null;
  repeat?: string;
}) {
  const { lang } = useHqI18n();
  const fields = repeat ? (labels?.repeats[repeat] ?? {}) : (labels?.fields ?? {});
  const known = Object.keys(fields).filter(
    (f) => values[f] !== undefined && !PLACE_FIELDS.has(f) && fields[f]?.type !== 'repeat',
  );
  const extra = Object.keys(values).filter((f) => !(f in fields) && !PLACE_FIELDS.has(f) && !Array.isArray(values[f]));
  const groups = new Map<string, string[]>();
  for (const f of [...known, ...extra]) {
    const group = fields[f]?.group ?? '';
    groups.set(group, [...(groups.get(group) ?? []), f]);
  }
  return (
    <div className="answers">
      {[...groups].map(([group, list]) => (
        <section key={group} className="card">
          {group ? <h3>{pick(labels?.groups[group], lang, group)}</h3> : null}
          <dl>
            {list.map((f) => (
              <div key={f} className="answer">
                <dt>{fieldLabel(labels, f, lang, repeat)}</dt>
                <dd>{answerText(values[f], fields[f], lang)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

function describe(
  c: Change,
  names: Map<string, string>,
  labels: FormLabels | null,
  lang: string,
  t: (k: string, v?: Record<string, string | number>) => string,
): string {
  const who = names.get(c.entityId) ?? '';
  if (c.field === '(created)')
    return c.entity === 'household' ? t('hq.history.householdCreated') : t('hq.history.personCreated', { name: who });
  if (c.field === '(joined)') return t('hq.history.joined', { name: who });
  if (c.field === '(left)') return t('hq.history.left', { name: who });
  if (c.entity === 'membership') {
    const value = (v: unknown) =>
      typeof v === 'string'
        ? t(`hq.${c.field === 'recipient' ? 'recipient' : 'role'}.${v}`)
        : v === null
          ? '—'
          : String(v);
    return `${who} · ${t(`hq.member.${c.field}`)}: ${value(c.old)} → ${value(c.new)}`;
  }
  const repeat = c.entity === 'individual' ? 'members' : undefined;
  const info = repeat ? labels?.repeats[repeat]?.[c.field] : labels?.fields[c.field];
  const label = fieldLabel(labels, c.field, lang, repeat);
  return `${who ? `${who} · ` : ''}${label}: ${answerText(c.old, info, lang)} → ${answerText(c.new, info, lang)}`;
}
