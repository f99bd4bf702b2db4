import type { submissionStatuses, ticketStatuses } from '@kusanya/schemas';
import { w, type ExportLanguage, type Words } from './column-labels.js';

/**
 * Values of the exports' fixed columns that are not a form's answers, in words for a person reading in French,
 * Kirundi or English (the same words as the office screens): a grievance ticket's status, a record's review
 * status, yes and no. Answers that come from a form (a ticket's category, a report's activity type) take the
 * words of the form's choices instead (`answerWords`). With `headers=names` every value stays a code.
 */
export const VALUE_WORDS = {
  'ticket-status': {
    RECEIVED: w('Reçue', 'Cakiriwe', 'Received'),
    OPEN: w('Ouverte', 'Carugururiwe', 'Open'),
    IN_PROGRESS: w('En traitement', 'Kiriko kirakurikiranwa', 'In progress'),
    RESOLVED: w('Résolue', 'Catorewe umuti', 'Resolved'),
    CLOSED: w('Clôturée', 'Carugawe', 'Closed'),
  } satisfies Record<(typeof ticketStatuses)[number], Words>,
  'record-status': {
    submitted: w('Reçue', 'Yakiriwe', 'Received'),
    needs_correction: w('À corriger', 'Ikeneye gukosorwa', 'Needs correction'),
    pending_review: w('En attente de vérification', 'Itegereje gusuzumwa', 'Waiting for review'),
    approved: w('Approuvée', 'Yemejwe', 'Approved'),
    rejected: w('Rejetée', 'Yanswe', 'Rejected'),
    returned: w('Renvoyée pour correction', 'Yagarutse gukosorwa', 'Returned for correction'),
  } satisfies Record<(typeof submissionStatuses)[number], Words>,
  'yes-no': { yes: w('Oui', 'Ego', 'Yes'), no: w('Non', 'Oya', 'No') },
} as const;

export type ValueList = keyof typeof VALUE_WORDS;

/** A value in words from one of the lists above; a value the list does not know stays as it is. */
export function valueWords(list: ValueList, cell: string | number | null, lang: ExportLanguage) {
  if (typeof cell !== 'string') return cell;
  const words: Readonly<Record<string, Words>> = VALUE_WORDS[list];
  return words[cell]?.[lang] ?? cell;
}
