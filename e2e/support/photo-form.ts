import type { FormDefinition } from '@kusanya/schemas';

/**
 * A short identity-check form with the media questions of the programme's grievance and household flows: the
 * ID card photographed (front), and the person's signature of consent. Published by the media tests.
 */
export const PHOTO_FORM = {
  formId: 'e2e_id_check',
  version: '1',
  title: { fr: "Contrôle d'identité", rn: 'Igenzura ry’indangamuntu', en: 'Identity check' },
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
    {
      type: 'image',
      name: 'id_front',
      required: true,
      parameters: { 'max-pixels': '1600' },
      label: { fr: "Carte d'identité (recto)", rn: 'Indangamuntu (imbere)', en: 'ID card (front)' },
    },
    {
      type: 'image',
      name: 'consent',
      appearance: 'signature',
      label: { fr: 'Signature de consentement', rn: 'Umukono w’ukwemera', en: 'Consent signature' },
    },
  ],
  choices: {
    colline: [
      { name: 'CL03010101', label: { fr: 'Mubuga (sample)', rn: 'Mubuga (sample)', en: 'Mubuga (sample)' } },
      { name: 'CL03010102', label: { fr: 'Karera (sample)', rn: 'Karera (sample)', en: 'Karera (sample)' } },
    ],
  },
} satisfies FormDefinition;
