import type { FormDefinition, SubmissionReview } from '@kusanya/schemas';
import { useI18n } from '../i18n/i18n.js';
import { localize } from '../form/labels.js';
import { answerText, nodesByName } from './AnswersView.js';

/** For a revisit: base (at the visit) / registry now / this visit, field by field; conflicts highlighted. */
export function RegistryChanges({
  registry,
  definition,
}: {
  registry: NonNullable<SubmissionReview['registry']>;
  definition: FormDefinition;
}) {
  const { t, lang } = useI18n();
  const nodes = nodesByName(definition.fields);
  const yesNo = (v: boolean) => (v ? t('review.yes') : t('review.no'));
  return (
    <section className="panel" data-testid="registry-changes">
      <h2>{t('review.registryTitle')}</h2>
      {registry.stale ? (
        <p className="warn-box" role="alert">
          {t('review.stale', { base: registry.baseVersion, current: registry.current.version })}
        </p>
      ) : null}
      {registry.fields.length === 0 ? (
        <p className="muted">{t('review.noChanges')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="three-way">
            <thead>
              <tr>
                <th />
                {registry.stale ? <th>{t('review.base')}</th> : null}
                <th>{t('review.now')}</th>
                <th>{t('review.proposed')}</th>
              </tr>
            </thead>
            <tbody>
              {registry.fields.map((f) => {
                const node = nodes.get(f.field);
                return (
                  <tr key={f.field} className={f.conflict ? 'conflict' : ''}>
                    <th scope="row">{node ? localize(node.label, lang, definition) || f.field : f.field}</th>
                    {registry.stale ? <td>{answerText(node, f.base, definition, lang, yesNo)}</td> : null}
                    <td>{answerText(node, f.current, definition, lang, yesNo)}</td>
                    <td>
                      <strong>{answerText(node, f.proposed, definition, lang, yesNo)}</strong>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
