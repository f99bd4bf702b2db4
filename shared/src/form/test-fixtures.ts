import type { Choice, FormDefinition } from '@kusanya/schemas';

/**
 * A small form exercising every rule of the engine, used by the engine's tests
 * (not shipped to anyone: the programme's forms live in `forms/*.xlsx`).
 */

const t = (fr: string, en = fr): { fr: string; en: string } => ({ fr, en });
const choices = (...names: string[]): Choice[] => names.map((name) => ({ name, label: t(name) }));
const located = (name: string, filters: Record<string, string>): Choice => ({ name, label: t(name), filters });

export const miniForm: FormDefinition = {
  formId: 'mini',
  version: '1',
  title: t('Mini'),
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  areaField: 'commune',
  instanceName: "concat(${name}, ' ', ${commune})",
  fields: [
    { type: 'text', name: 'name', label: t('Nom', 'Name'), required: true },
    {
      type: 'integer',
      name: 'age',
      label: t('Âge', 'Age'),
      constraint: '. >= 0 and . <= 120',
      constraintMessage: t('Âge entre 0 et 120', 'Age between 0 and 120'),
    },
    { type: 'select_one', name: 'has_kids', list: 'yes_no', label: t('Enfants ?') },
    { type: 'integer', name: 'n_kids', label: t("Nombre d'enfants"), relevant: "${has_kids} = 'yes'", required: true },
    {
      type: 'integer',
      name: 'share',
      label: t('Part'),
      relevant: "${has_kids} = 'yes'",
      constraint: '. <= 100 div ${n_kids}',
    },
    {
      type: 'select_multiple',
      name: 'assets',
      list: 'assets',
      label: t('Biens'),
      constraint: "not(selected(., 'none') and count-selected(.) > 1)",
    },
    { type: 'select_one', name: 'tenure', list: 'tenure', orOther: true, label: t('Statut') },
    {
      type: 'group',
      name: 'location',
      label: t('Lieu'),
      relevant: "${name} != 'nowhere'",
      children: [
        { type: 'select_one', name: 'province', list: 'province', label: t('Province') },
        {
          type: 'select_one',
          name: 'commune',
          list: 'commune',
          label: t('Commune'),
          choiceFilter: 'province = ${province}',
        },
      ],
    },
    { type: 'date', name: 'visit', label: t('Visite'), constraint: '. <= today()', default: 'today()' },
    { type: 'text', name: 'greeting', label: t('Bonjour'), default: 'Bonjour' },
    {
      type: 'repeat',
      name: 'members',
      label: t('Membres'),
      minCount: 1,
      maxCount: 5,
      children: [
        { type: 'text', name: 'm_name', label: t('Nom du membre ${name}', 'Member name'), required: true },
        { type: 'select_one', name: 'sex', list: 'sex', label: t('Sexe de ${m_name}') },
        { type: 'integer', name: 'm_age', label: t('Âge') },
        {
          type: 'select_one',
          name: 'pregnant',
          list: 'yes_no',
          label: t('Enceinte ?'),
          relevant: "${sex} = 'F' and ${m_age} >= 12",
        },
        {
          type: 'select_one',
          name: 'rel',
          list: 'rel',
          label: t('Lien'),
          constraint: ". != 'HEAD' or ${n_heads} <= 1",
        },
        { type: 'calculate', name: 'is_head', calculation: "if(${rel} = 'HEAD', 1, 0)" },
        { type: 'calculate', name: 'line', calculation: 'position(..)' },
      ],
    },
    { type: 'calculate', name: 'n_heads', calculation: 'sum(${is_head})' },
    { type: 'calculate', name: 'size', calculation: 'count(${members})' },
    {
      type: 'select_one',
      name: 'confirm',
      list: 'yes_no',
      label: t('Confirmer ${size} membres'),
      required: true,
      constraint: '${n_heads} = 1',
      constraintMessage: t(
        'Il faut exactement un chef (actuellement ${n_heads})',
        'Exactly one head is needed (now ${n_heads})',
      ),
    },
    {
      type: 'repeat',
      name: 'plots',
      label: t('Parcelles'),
      repeatCount: '${n_plots}',
      relevant: '${n_plots} > 0',
      children: [{ type: 'decimal', name: 'plot_area', label: t('Surface'), required: true }],
    },
    { type: 'integer', name: 'n_plots', label: t('Nombre de parcelles') },
    { type: 'note', name: 'bye', label: t('Merci ${name}') },
  ],
  choices: {
    yes_no: choices('yes', 'no'),
    assets: choices('radio', 'phone', 'none'),
    tenure: choices('owner', 'tenant'),
    sex: choices('M', 'F'),
    rel: choices('HEAD', 'SPOUSE', 'CHILD'),
    province: choices('P03', 'P05'),
    commune: [
      located('C0301', { province: 'P03' }),
      located('C0302', { province: 'P03' }),
      located('C0501', { province: 'P05' }),
    ],
  },
};

/** Answers to {@link miniForm} that break no rule. */
export function validMiniAnswers(): Record<string, unknown> {
  return {
    name: 'Ana',
    age: 34,
    has_kids: 'yes',
    n_kids: 2,
    share: 40,
    assets: ['radio', 'phone'],
    tenure: 'owner',
    province: 'P03',
    commune: 'C0302',
    visit: '2026-11-20',
    members: [
      { m_name: 'Ana', sex: 'F', m_age: 34, pregnant: 'no', rel: 'HEAD' },
      { m_name: 'Jean', sex: 'M', m_age: 36, rel: 'SPOUSE' },
    ],
    confirm: 'yes',
    n_plots: 1,
    plots: [{ plot_area: 12.5 }],
  };
}
