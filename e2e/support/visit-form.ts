import type { FormDefinition } from '@kusanya/schemas';

/**
 * A short form an administrator could publish (two questions), for the tests whose subject is sync, storage
 * or updates rather than the household survey: filling 50 records through the real UI stays quick.
 */
export const VISIT_FORM: FormDefinition = {
  formId: 'e2e_visit',
  version: '1',
  title: { fr: 'Visite rapide', rn: 'Indaba ngufi', en: 'Quick visit' },
  languages: ['fr', 'rn', 'en'],
  defaultLanguage: 'fr',
  areaField: 'colline',
  instanceName: '${respondent_name}',
  fields: [
    {
      type: 'select_one',
      name: 'colline',
      list: 'colline',
      required: true,
      label: { fr: 'Colline', rn: 'Umutumba', en: 'Colline' },
    },
    {
      type: 'text',
      name: 'respondent_name',
      required: true,
      label: { fr: 'Nom du répondant', rn: "Izina ry'uwishura", en: "Respondent's name" },
    },
  ],
  choices: {
    colline: [
      { name: 'CL03010101', label: { fr: 'Mubuga (sample)', rn: 'Mubuga (sample)', en: 'Mubuga (sample)' } },
      { name: 'CL03010102', label: { fr: 'Karera (sample)', rn: 'Karera (sample)', en: 'Karera (sample)' } },
    ],
  },
};
