import type { FormLabels } from '@kusanya/schemas';

/**
 * Export column headers in words (Kobo's "labels" export style): each fixed column of the registry, grievance and
 * indicator exports in French, Kirundi and English. Columns holding a form's answers take the question's label
 * from the form. The openIMIS layout keeps its names (it is read by openIMIS's upload, not by a person).
 * `column-labels.test.ts` fails on a column of a dataset without words in every language.
 */

export const EXPORT_LANGUAGES = ['fr', 'rn', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export type Words = Record<ExportLanguage, string>;
export const w = (fr: string, rn: string, en: string): Words => ({ fr, rn, en });

export const COLUMN_LABELS: Readonly<Record<string, Words>> = {
  household_code: w('Code du ménage', 'Kode y’urugo', 'Household code'),
  household_id: w('Identifiant du ménage', 'Inomero y’urugo', 'Household ID'),
  province: w('Code province', 'Kode y’intara', 'Province code'),
  province_name: w('Province', 'Intara', 'Province'),
  commune: w('Code commune', 'Kode ya komine', 'Commune code'),
  commune_name: w('Commune', 'Komine', 'Commune'),
  zone: w('Code zone', 'Kode ya zone', 'Zone code'),
  zone_name: w('Zone', 'Zone', 'Zone'),
  colline: w('Code colline', 'Kode y’umutumba', 'Colline code'),
  colline_name: w('Colline', 'Umutumba', 'Colline'),
  version: w('Version', 'Verisiyo', 'Version'),
  size: w('Taille du ménage', 'Ingano y’urugo', 'Household size'),
  head_name: w('Chef de ménage', 'Umukuru w’urugo', 'Head of household'),
  primary_recipient: w('Bénéficiaire principal', 'Uronka wa mbere', 'Primary recipient'),
  created_at: w('Créé le', 'Vyaremwe ku wa', 'Created at'),
  updated_at: w('Modifié le', 'Vyahinduwe ku wa', 'Updated at'),
  individual_id: w('Identifiant de la personne', 'Inomero y’umuntu', 'Person ID'),
  first_name: w('Prénom', 'Izina', 'First name'),
  last_name: w('Nom', 'Izina ry’umuryango', 'Last name'),
  sex: w('Sexe', 'Igitsina', 'Sex'),
  birth_date: w('Date de naissance', 'Itariki y’amavuka', 'Birth date'),
  birth_year: w('Année de naissance', 'Umwaka w’amavuka', 'Birth year'),
  national_id: w('N° de carte d’identité', 'Inomero y’ikarata karangamuntu', 'National ID'),
  phone: w('Téléphone', 'Terefone', 'Phone'),
  role: w('Rôle dans le ménage', 'Uruhara mu rugo', 'Role in the household'),
  relationship: w('Lien avec le chef', 'Isano n’umukuru', 'Relationship to the head'),
  recipient: w('Bénéficiaire', 'Uronka', 'Recipient'),
  respondent: w('Répondant', 'Uwishura', 'Respondent'),
  position: w('N° dans le ménage', 'Inomero mu rugo', 'Number in the household'),
  member_since: w('Membre depuis', 'Umunywanyi kuva', 'Member since'),
  ticket_code: w('Code de la plainte', 'Kode y’ikirego', 'Grievance code'),
  ticket_id: w('Identifiant de la plainte', 'Inomero y’ikirego', 'Grievance ID'),
  status: w('Statut', 'Uko bimeze', 'Status'),
  case_type: w('Type de cas', 'Ubwoko bw’ikibazo', 'Case type'),
  category: w('Catégorie', 'Umugwi', 'Category'),
  subcategory: w('Sous-catégorie', 'Umugwi muto', 'Subcategory'),
  sensitive: w('Sensible', 'Ikibazo gikomeye', 'Sensitive'),
  special: w('Cas spécial', 'Ikibazo kidasanzwe', 'Special case'),
  channel: w('Canal', 'Inzira', 'Channel'),
  anonymous: w('Anonyme', 'Atavuzwe izina', 'Anonymous'),
  reporter_name: w('Nom du plaignant', 'Izina ry’uwitotombeye', 'Complainant’s name'),
  reporter_sex: w('Sexe du plaignant', 'Igitsina c’uwitotombeye', 'Complainant’s sex'),
  reporter_birth_year: w(
    'Année de naissance du plaignant',
    'Umwaka w’amavuka w’uwitotombeye',
    'Complainant’s birth year',
  ),
  reporter_phone: w('Téléphone du plaignant', 'Terefone y’uwitotombeye', 'Complainant’s phone'),
  reporter_national_id: w('N° d’identité du plaignant', 'Karangamuntu y’uwitotombeye', 'Complainant’s national ID'),
  reporter_beneficiary: w('Plaignant bénéficiaire', 'Uwitotombeye ni uronka', 'Complainant is a beneficiary'),
  incident_date: w('Date des faits', 'Itariki ivyabaye', 'Incident date'),
  description: w('Description', 'Insiguro', 'Description'),
  received_at: w('Reçu le', 'Vyakiriwe ku wa', 'Received at'),
  due_at: w('À traiter avant le', 'Bitegerezwa imbere ya', 'Due by'),
  overdue: w('En retard', 'Vyacerewe', 'Overdue'),
  assigned_to: w('Attribué à', 'Vyahawe', 'Assigned to'),
  resolved_at: w('Résolu le', 'Vyatorewe umuti ku wa', 'Resolved at'),
  closed_at: w('Clôturé le', 'Vyugawe ku wa', 'Closed at'),
  resolution: w('Solution', 'Umuti', 'Resolution'),
  comments: w('Commentaires', 'Ivyiyumviro', 'Comments'),
  submission_id: w('Identifiant de la fiche', 'Inomero y’ifishi', 'Record ID'),
  report_date: w('Date du rapport', 'Itariki ya raporo', 'Report date'),
  quarter: w('Trimestre', 'Igihembwe', 'Quarter'),
  activity_type: w('Type d’activité', 'Ubwoko bw’igikorwa', 'Activity type'),
  sessions: w('Séances', 'Inama', 'Sessions'),
  households_attending: w('Ménages présents', 'Ingo zitabiriye', 'Households attending'),
  participants_men: w('Participants hommes', 'Abagabo bitabiriye', 'Participants (men)'),
  participants_women: w('Participantes femmes', 'Abagore bitabiriye', 'Participants (women)'),
  participants_total: w('Participants au total', 'Abitabiriye bose', 'Participants (total)'),
  participants_batwa: w('Participants batwa', 'Abatwa bitabiriye', 'Participants (Batwa)'),
  participants_disability: w('Participants handicapés', 'Abafise ubumuga bitabiriye', 'Participants with a disability'),
  participants_refugees_returnees: w(
    'Participants réfugiés ou rapatriés',
    'Impunzi canke abahungutse bitabiriye',
    'Participants (refugees, returnees)',
  ),
  households_planned: w('Ménages prévus', 'Ingo zateganijwe', 'Households planned'),
  households_paid: w('Ménages payés', 'Ingo zarishwe', 'Households paid'),
  amount_planned: w('Montant prévu (BIF)', 'Amahera yateganijwe (BIF)', 'Amount planned (BIF)'),
  amount_paid: w('Montant payé (BIF)', 'Amahera yarishwe (BIF)', 'Amount paid (BIF)'),
  payment_rate: w('Taux de paiement (%)', 'Igipimo c’ukuriha (%)', 'Payment rate (%)'),
  observations: w('Observations', 'Ivyabonywe', 'Observations'),
  enumerator: w('Enquêteur', 'Umukozi w’ibarura', 'Enumerator'),
};

export function isExportLanguage(lang: string | undefined): lang is ExportLanguage {
  return (EXPORT_LANGUAGES as readonly string[]).includes(lang ?? '');
}

type FieldLabels = FormLabels['fields'];

function localized(
  text: Record<string, string | undefined> | null | undefined,
  lang: ExportLanguage,
  fallback: string,
) {
  if (!text) return null;
  return text[lang] ?? text[fallback] ?? Object.values(text).find((v) => v !== undefined) ?? null;
}

/**
 * A column's header in words: a fixed column from the table above, an answer column from its question's label in
 * the form (`fields`: the form level the dataset's answers come from); otherwise its name.
 */
export function columnHeader(column: string, lang: ExportLanguage, fields: FieldLabels, defaultLanguage: string) {
  return COLUMN_LABELS[column]?.[lang] ?? localized(fields[column]?.label, lang, defaultLanguage) ?? column;
}

/** An answer as words: the choices' labels (several joined by ", ") where the question has choices. */
export function answerWords(
  field: FieldLabels[string] | undefined,
  cell: string | number | null,
  lang: ExportLanguage,
  defaultLanguage: string,
): string | number | null {
  const choices = field?.choices;
  if (!choices || typeof cell !== 'string') return cell;
  const words = (name: string) => localized(choices[name], lang, defaultLanguage) ?? name;
  return field.type.startsWith('select_multiple') ? cell.split(' ').filter(Boolean).map(words).join(', ') : words(cell);
}
