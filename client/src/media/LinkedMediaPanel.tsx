import './media.css';
import type { LinkedMedia } from '@kusanya/schemas';
import { useI18n } from '../i18n/i18n.js';
import { MediaItem } from './RecordMediaPanel.js';

/** The media of one question, newest record first: the first is the current one, the others its history. */
function byQuestion(media: readonly LinkedMedia[]): [string, LinkedMedia[]][] {
  const groups = new Map<string, LinkedMedia[]>();
  for (const m of media) groups.set(m.file.field, [...(groups.get(m.file.field) ?? []), m]);
  return [...groups];
}

/**
 * Photos and files of the records behind a page (a household's surveys, a ticket's grievance), for the people
 * who read those records. With `history`, each question shows its current medium and, below, the earlier ones
 * with the date their record arrived (a household's ID photo as it was at each visit).
 */
export function LinkedMediaPanel({
  media,
  title,
  labelOf,
  history = false,
}: {
  media: readonly LinkedMedia[];
  title: string;
  /** The question's label (the field name otherwise). */
  labelOf?: (field: string) => string;
  history?: boolean;
}) {
  const { t, lang } = useI18n();
  if (media.length === 0) return null;
  const date = new Intl.DateTimeFormat(lang === 'rn' ? 'fr' : lang, { dateStyle: 'medium' });
  const label = (field: string) => labelOf?.(field) ?? field;
  return (
    <section className="card" data-testid="linked-media">
      <h2>{title}</h2>
      {history ? (
        byQuestion(media).map(([field, [current, ...earlier]]) => (
          <div key={field} className="media-question" data-testid="media-question">
            <h3>{label(field)}</h3>
            <ul className="media-list" data-testid="media-current">
              <MediaItem submissionId={current!.submissionId} file={current!.file} />
            </ul>
            {earlier.length > 0 ? (
              <details data-testid="media-earlier">
                <summary>{t('media.earlier', { count: earlier.length })}</summary>
                <ul className="media-list">
                  {earlier.map((m) => (
                    <li key={`${m.submissionId}/${m.file.name}`} className="media-earlier-item">
                      <small className="muted">{t('media.receivedOn', { date: date.format(new Date(m.at)) })}</small>
                      <ul className="media-list">
                        <MediaItem submissionId={m.submissionId} file={m.file} />
                      </ul>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ))
      ) : (
        <ul className="media-list">
          {media.map((m) => (
            <MediaItem
              key={`${m.submissionId}/${m.file.name}`}
              submissionId={m.submissionId}
              file={m.file}
              label={label(m.file.field)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
