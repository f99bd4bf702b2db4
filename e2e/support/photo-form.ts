import type { FormDefinition } from '@kusanya/schemas';

/** Where the record is, and who answered: the first questions of every media test form. */
const PLACE_AND_NAME = [
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
] as const satisfies FormDefinition['fields'];

/**
 * A media test form: the header every one shares (three languages, French first, the colline as its area, the
 * respondent's name as the record's name), the place and name questions, then `fields`.
 */
function mediaForm<const F extends FormDefinition['fields']>(
  formId: string,
  title: Record<'fr' | 'rn' | 'en', string>,
  fields: F,
) {
  return {
    formId,
    version: '1',
    title,
    languages: ['fr', 'rn', 'en'],
    defaultLanguage: 'fr',
    areaField: 'colline',
    instanceName: '${respondent_name}',
    fields: [...PLACE_AND_NAME, ...fields],
    choices: {
      colline: [
        { name: 'CL03010101', label: { fr: 'Mubuga (sample)', rn: 'Mubuga (sample)', en: 'Mubuga (sample)' } },
        { name: 'CL03010102', label: { fr: 'Karera (sample)', rn: 'Karera (sample)', en: 'Karera (sample)' } },
      ],
    },
  } satisfies FormDefinition;
}

/**
 * A short identity-check form with the media questions of the programme's grievance and household flows: the
 * ID card photographed (front), the person's signature of consent, a photo of the dwelling on which the
 * enumerator circles the household's house (`annotate`), and a short video of it. Published by the media tests.
 */
export const PHOTO_FORM = mediaForm(
  'e2e_id_check',
  { fr: "Contrôle d'identité", rn: 'Igenzura ry’indangamuntu', en: 'Identity check' },
  [
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
    {
      type: 'image',
      name: 'dwelling',
      appearance: 'annotate',
      parameters: { 'max-pixels': '800' },
      label: {
        fr: 'Photo du logement (entourez la maison du ménage)',
        rn: 'Ifoto y’inzu (shira uruziga ku nzu y’umuryango)',
        en: 'Photo of the dwelling (circle the household’s house)',
      },
    },
    {
      type: 'video',
      name: 'walkthrough',
      label: { fr: 'Vidéo du logement', rn: 'Videwo y’inzu', en: 'Video of the dwelling' },
    },
  ],
);

/** Two photos of an ID card (front and back), small on purpose (640 px): the fault tests send forty of them. */
export const ID_PAIR_FORM = mediaForm(
  'e2e_id_pair',
  { fr: 'Carte recto verso', rn: 'Indangamuntu impande zibiri', en: 'ID card both sides' },
  [
    {
      type: 'image',
      name: 'id_front',
      required: true,
      parameters: { 'max-pixels': '640' },
      label: { fr: 'Recto', rn: 'Imbere', en: 'Front' },
    },
    {
      type: 'image',
      name: 'id_back',
      required: true,
      parameters: { 'max-pixels': '640' },
      label: { fr: 'Verso', rn: 'Inyuma', en: 'Back' },
    },
  ],
);

/** The minutes of a family council, as a scanned file (kept as it is: no resizing), for the large-upload test. */
export const MINUTES_FORM = mediaForm('e2e_minutes', { fr: 'Procès-verbal', rn: 'Inyandiko y’inama', en: 'Minutes' }, [
  {
    type: 'file',
    name: 'minutes',
    required: true,
    label: {
      fr: 'Procès-verbal du conseil de famille',
      rn: 'Inyandiko y’inama y’umuryango',
      en: 'Family council minutes',
    },
  },
]);
