import type { TicketDetail } from '@kusanya/schemas';
import { useState, type ChangeEvent } from 'react';
import { Link } from 'wouter';
import { useSession } from '../auth/session.js';
import { useApiCall, useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { saveBlob } from '../ui/save-file.js';
import { dateText, fieldLabel, pick, placeName } from './format.js';
import { LinkedMediaPanel } from '../media/LinkedMediaPanel.js';
import { useHqI18n } from './i18n.js';
import { statusChangeNeedsComment } from '@kusanya/shared/grievance/rules';

type Status = TicketDetail['allowedTransitions'][number];

/** One grievance case: the complaint, the reporter (unless anonymous), what was done, and the next steps. */
export function TicketScreen({ id }: { id: string }) {
  const { t, lang } = useHqI18n();
  const api = useApiCall();
  const { session } = useSession();
  const loaded = useResource('GET /api/grievances/tickets/:id', { params: { id } });
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [pending, setPending] = useState<Status | null>(null);
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const data = ticket ?? loaded.data;
  if (loaded.error)
    return (
      <main className="hq">
        <p className="error" role="alert">
          {errorText(loaded.error, t)}
        </p>
      </main>
    );
  if (!data)
    return (
      <main className="hq" aria-busy="true">
        <p>{t('hq.loading')}</p>
      </main>
    );
  const tk = data.ticket;
  const labels = data.labels;
  const choice = (field: string, code: string | null) =>
    code ? pick(labels?.fields[field]?.choices?.[code], lang, code) : '—';
  const needsNote = (to: Status) => statusChangeNeedsComment(tk.status, to);
  const actionLabel = (to: Status) =>
    to === 'OPEN' && tk.status !== 'RECEIVED' ? t('hq.action.reopen') : t(`hq.action.${to}`);

  const act = async (change: () => Promise<TicketDetail>) => {
    setBusy(true);
    setError(null);
    try {
      setTicket(await change());
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const move = async (to: Status) => {
    if (needsNote(to) && pending !== to) {
      setPending(to);
      return;
    }
    if (
      await act(() =>
        api('POST /api/grievances/tickets/:id/status', {
          params: { id: tk.id },
          body: { to, version: tk.version, ...(note.trim() ? { comment: note.trim() } : {}) },
        }),
      )
    ) {
      setPending(null);
      setNote('');
    }
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(
        `/api/grievances/tickets/${tk.id}/attachments?filename=${encodeURIComponent(file.name)}`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${session?.token ?? ''}`,
            'content-type': file.type || 'application/octet-stream',
          },
          body: file,
        },
      );
      if (!res.ok)
        throw new Error(
          ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ??
            `HTTP ${res.status}`,
        );
      setTicket(await api('GET /api/grievances/tickets/:id', { params: { id: tk.id } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = async (attachmentId: string, filename: string) => {
    const res = await fetch(`/api/grievances/tickets/${tk.id}/attachments/${attachmentId}`, {
      headers: { authorization: `Bearer ${session?.token ?? ''}` },
    });
    if (res.ok) saveBlob(await res.blob(), filename);
  };
  const timeline = [
    ...data.events.map((e) => ({
      at: e.at,
      key: `e${e.at}${e.kind}${e.to}`,
      text:
        e.kind === 'status'
          ? t('hq.event.status', { who: e.actor, from: t(`hq.ticket.${e.from}`), to: t(`hq.ticket.${e.to}`) })
          : e.to
            ? t('hq.event.assigned', { who: e.actor, to: e.to })
            : t('hq.event.unassigned', { who: e.actor }),
      comment: null as string | null,
      resolution: false,
    })),
    ...data.comments.map((c) => ({ at: c.at, key: c.id, text: c.author, comment: c.body, resolution: c.resolution })),
  ].sort((a, b) => a.at.localeCompare(b.at) || (a.comment === null ? -1 : 1));

  return (
    <main className="hq wide-main">
      <p>
        <Link href="/grievances">← {t('hq.grievances.back')}</Link>
      </p>
      <h1>
        {t('hq.ticket.title', { code: tk.code })}{' '}
        <span className={`badge ticket-${tk.status}`} data-testid="ticket-status">
          {t(`hq.ticket.${tk.status}`)}
        </span>
      </h1>
      <p className="badges">
        {tk.sensitive ? <span className="badge sensitive">{t('hq.ticket.sensitive')}</span> : null}
        {tk.special ? <span className="badge">{t('hq.ticket.special')}</span> : null}
        {tk.overdue ? <span className="badge late">{t('hq.ticket.overdue')}</span> : null}
        <span className={tk.overdue ? 'warn' : ''}>{t('hq.ticket.due', { date: dateText(tk.dueAt, lang, true) })}</span>
      </p>
      {error ? (
        <p className="error" role="alert">
          {errorText(error, t)}{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setTicket(null);
              setError(null);
              loaded.reload();
            }}
          >
            {t('hq.reload')}
          </button>
        </p>
      ) : null}

      <section className="card actions-panel" aria-label={t('hq.ticket.next')}>
        <h2>{t('hq.ticket.next')}</h2>
        <div className="row-buttons">
          {data.allowedTransitions.map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'CLOSED' ? 'secondary' : 'primary'}
              disabled={busy}
              onClick={() => void move(to)}
            >
              {actionLabel(to)}
            </button>
          ))}
        </div>
        {pending ? (
          <label className="block">
            <span>{pending === 'RESOLVED' ? t('hq.ticket.resolutionPrompt') : t('hq.ticket.reopenPrompt')}</span>
            <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} required />
            <span className="row-buttons">
              <button
                type="button"
                className="primary"
                disabled={busy || !note.trim()}
                onClick={() => void move(pending)}
              >
                {t('hq.confirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setPending(null)}>
                {t('hq.cancel')}
              </button>
            </span>
          </label>
        ) : null}
        <label className="block">
          <span>{t('hq.ticket.assignTo')}</span>
          <span className="row-buttons">
            <select value={assignee ?? tk.assignedTo?.id ?? ''} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">{t('hq.grievances.unassigned')}</option>
              {data.assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.username} ({t(`hq.userRole.${a.role}`)})
                </option>
              ))}
            </select>
            <button
              type="button"
              className="secondary"
              disabled={busy || assignee === null}
              onClick={() =>
                void act(() =>
                  api('POST /api/grievances/tickets/:id/assign', {
                    params: { id: tk.id },
                    body: { assigneeId: assignee || null, version: tk.version },
                  }),
                ).then((ok) => ok && setAssignee(null))
              }
            >
              {t('hq.ticket.assign')}
            </button>
          </span>
        </label>
      </section>

      <section className="card facts">
        <Fact label={t('hq.ticket.caseType')} value={choice('case_type', tk.caseType)} />
        <Fact
          label={t('hq.grievances.category')}
          value={`${choice('category', tk.category)}${tk.subcategory ? ` · ${choice('subcategory', tk.subcategory)}` : ''}`}
        />
        <Fact label={t('hq.grievances.channel')} value={choice('channel', tk.channel)} />
        <Fact
          label={t('hq.ticket.place')}
          value={`${placeName(tk.areaName, tk.area, lang)}, ${placeName(tk.communeName, tk.commune, lang)}, ${placeName(tk.provinceName, tk.province, lang)}`}
        />
        <Fact label={t('hq.ticket.receivedOn')} value={dateText(tk.receivedAt, lang, true)} />
        <Fact label={t('hq.ticket.incident')} value={dateText(tk.incidentDate, lang)} />
        <Fact label={t('hq.ticket.collectedBy')} value={tk.collectedBy ?? '—'} />
        <Fact label={t('hq.grievances.assigned')} value={tk.assignedTo?.username ?? t('hq.grievances.unassigned')} />
      </section>
      <section className="card">
        <h2>{t('hq.ticket.description')}</h2>
        <p className="description">{tk.description ?? '—'}</p>
        {data.details.resolvedOnSpot === 'yes' ? (
          <p className="info">{t('hq.ticket.spot', { text: data.details.spotResolution ?? '' })}</p>
        ) : null}
      </section>
      <section className="card">
        <h2>{t('hq.ticket.reporter')}</h2>
        {data.reporter ? (
          <dl className="answers-inline">
            <dt>{t('hq.member.name')}</dt>
            <dd>{data.reporter.name ?? '—'}</dd>
            <dt>{t('hq.member.sex')}</dt>
            <dd>{choice('reporter_sex', data.reporter.sex)}</dd>
            <dt>{t('hq.member.birth')}</dt>
            <dd>{data.reporter.birthYear ?? '—'}</dd>
            <dt>{t('hq.member.phone')}</dt>
            <dd>{data.reporter.phone ?? '—'}</dd>
            <dt>{t('hq.nationalId')}</dt>
            <dd>{data.reporter.nationalId ?? '—'}</dd>
            <dt>{t('hq.ticket.beneficiary')}</dt>
            <dd>{choice('reporter_beneficiary', data.reporter.beneficiary)}</dd>
          </dl>
        ) : (
          <p className="muted">{t('hq.ticket.anonymous')}</p>
        )}
        {tk.householdCode ? (
          <p>
            {t('hq.household')}{' '}
            {data.household ? (
              <Link href={`/households/${data.household.id}`}>{data.household.code}</Link>
            ) : (
              tk.householdCode
            )}
          </p>
        ) : null}
      </section>

      <section className="card">
        <h2>{t('hq.ticket.history')}</h2>
        <ol className="timeline compact">
          <li>{t('hq.event.received', { date: dateText(tk.receivedAt, lang, true) })}</li>
          {timeline.map((item) => (
            <li key={item.key} className={item.resolution ? 'resolution' : ''}>
              <small>{dateText(item.at, lang, true)}</small>{' '}
              {item.comment === null ? (
                item.text
              ) : (
                <>
                  <strong>{item.text}</strong>
                  {item.resolution ? ` · ${t('hq.ticket.resolution')}` : ''}
                  <p className="comment">{item.comment}</p>
                </>
              )}
            </li>
          ))}
        </ol>
        <label className="block">
          <span>{t('hq.ticket.addComment')}</span>
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        <button
          type="button"
          className="primary"
          disabled={busy || !comment.trim()}
          onClick={() =>
            void act(() =>
              api('POST /api/grievances/tickets/:id/comments', {
                params: { id: tk.id },
                body: { body: comment.trim() },
              }),
            ).then((ok) => ok && setComment(''))
          }
        >
          {t('hq.ticket.saveComment')}
        </button>
      </section>

      <LinkedMediaPanel
        media={data.media}
        title={t('media.ofSubmission')}
        labelOf={(field) => fieldLabel(data.labels, field, lang)}
      />

      <section className="card">
        <h2>{t('hq.ticket.attachments')}</h2>
        {data.attachments.length === 0 ? <p className="muted">{t('hq.ticket.noAttachments')}</p> : null}
        <ul className="list">
          {data.attachments.map((a) => (
            <li key={a.id} className="row">
              <span>
                {a.filename}{' '}
                <small className="muted">
                  ({Math.ceil(a.size / 1024)} Ko · {a.uploadedBy} · {dateText(a.uploadedAt, lang)})
                </small>
              </span>
              <button type="button" className="secondary" onClick={() => void download(a.id, a.filename)}>
                {t('hq.download')}
              </button>
            </li>
          ))}
        </ul>
        <label className="button secondary file-button">
          {t('hq.ticket.attach')}
          <input
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/webp,text/plain"
            onChange={(e) => void upload(e)}
            disabled={busy}
          />
        </label>
      </section>
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
