import * as XLSX from '@e965/xlsx';
import { syntheticLocations } from '../synthetic/locations.js';

/**
 * XLSForm workbooks and form media for tests and benchmarks, written as a form designer would write them
 * (SheetJS, .xlsx): every question type in one field form, a 1,000-question form, and the list of the
 * 3,037 collines of the 2025 scheme as a CSV for `select_one_from_file`, `search()` and `pulldata()`.
 */

type Row = readonly (string | number)[];

export function workbook(sheets: Readonly<Record<string, readonly Row[]>>): Buffer {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows.map((r) => [...r])), name);
  }
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** `collines.csv`: every colline of the synthetic 2025 scheme (name = code, label, zone, commune). */
export function collinesCsv(): { text: string; count: number } {
  const locations = syntheticLocations();
  const parent = new Map(locations.map((l) => [l.code, l.parentCode]));
  const collines = locations.filter((l) => l.level === 'colline');
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = collines.map((c) => {
    const zone = parent.get(c.code) ?? '';
    const commune = parent.get(zone) ?? '';
    return [c.code, `${c.name.replace(' (synthetic)', '')} (${c.code})`, zone, commune].map(quote).join(',');
  });
  return { text: `name,label,zone,commune\n${rows.join('\n')}\n`, count: collines.length };
}

export const ALL_TYPES_FORM_ID = 'all_types_field_visit';
export const ALL_TYPES_TITLE = 'Visite de terrain (tous les types)';

/**
 * One form with every question type a field team uses, in French: text, numbers with their appearances,
 * dates and times, selects (buttons, likert, minimal, a table-list), rank, range, GPS point, line and area,
 * barcode, photo / recording / signature / file (placeholders until issue 15), acknowledge, a colline among
 * 3,037 from `collines.csv` (searched), its commune looked up with pulldata(), a repeat, calculations and
 * the metadata (start, end, today, deviceid, username, audit). Needs the media file `collines.csv`.
 */
export function allTypesWorkbook(version = '1'): Buffer {
  const survey: Row[] = [
    [
      'type',
      'name',
      'label',
      'hint',
      'guidance_hint',
      'appearance',
      'required',
      'relevant',
      'constraint',
      'constraint_message',
      'calculation',
      'parameters',
      'default',
    ],
    ['start', 'start'],
    ['end', 'end'],
    ['today', 'today'],
    ['deviceid', 'deviceid'],
    ['username', 'username'],
    ['audit', 'audit'],
    ['begin_group', 'place', 'Lieu', '', '', 'field-list'],
    ['select_one_from_file collines.csv', 'colline', 'Colline', 'Tapez une partie du nom', '', 'autocomplete', 'yes'],
    ['calculate', 'commune', '', '', '', '', '', '', '', '', "pulldata('collines', 'commune', 'name', ${colline})"],
    ['note', 'commune_note', 'Commune : ${commune}', '', '', '', '', "${colline} != ''"],
    ['geopoint', 'position', 'Position du ménage', '', '', '', 'no'],
    ['end_group', 'place'],
    ['begin_group', 'visit', 'Visite', '', '', 'field-list'],
    ['text', 'respondent', 'Nom de la personne rencontrée', '', '', '', 'yes'],
    ['integer', 'visitors', 'Nombre de visiteurs', '', '', 'counter', 'yes', '', '. >= 1 and . <= 10', 'Entre 1 et 10'],
    ['decimal', 'budget', 'Budget du ménage (FBu)', '', '', 'thousands-sep'],
    ['date', 'visit_date', 'Date de la visite', '', '', '', 'yes', '', '. <= today()', 'Pas dans le futur'],
    ['time', 'visit_time', 'Heure de la visite', '', '', '', 'yes'],
    ['dateTime', 'next_visit', 'Prochaine visite'],
    ['date', 'harvest_month', 'Mois de la récolte', '', '', 'month-year'],
    [
      'text',
      'phone',
      'Téléphone',
      '',
      '',
      'numbers',
      '',
      '',
      "regex(., '^(\\+?257)?[0-9]{8}$')",
      'Un numéro du Burundi (8 chiffres)',
    ],
    ['end_group', 'visit'],
    ['begin_group', 'opinions', 'Avis', '', '', 'field-list'],
    [
      'select_one yes_no',
      'consent',
      'La personne accepte-t-elle ?',
      '',
      'Lisez le texte de consentement avant de demander.',
      '',
      'yes',
    ],
    ['select_multiple services', 'services', 'Services reçus', '', '', 'columns-2', '', "${consent} = 'yes'"],
    ['select_one agree', 'satisfied', 'Satisfaction', '', '', 'likert', '', "${consent} = 'yes'"],
    ['rank services', 'priorities', 'Classez les services', '', '', '', '', "${consent} = 'yes'"],
    ['range', 'score', 'Note de la visite', '', '', '', '', '', '', '', '', 'start=0 end=10 step=1'],
    ['range', 'stars', 'Étoiles', '', '', 'rating', '', '', '', '', '', 'start=1 end=5 step=1'],
    ['end_group', 'opinions'],
    ['begin_group', 'grid', 'Accès aux services', '', '', 'table-list'],
    ['select_one yes_no', 'water', 'Eau potable'],
    ['select_one yes_no', 'school', 'École'],
    ['end_group', 'grid'],
    ['begin_group', 'field', 'Terrain', '', '', 'field-list'],
    ['barcode', 'card', 'Code de la carte du ménage'],
    ['geotrace', 'path', 'Chemin vers le ménage'],
    ['geoshape', 'plot', 'Parcelle'],
    ['image', 'photo', 'Photo de la maison'],
    ['audio', 'voice', 'Message vocal'],
    ['image', 'signature', 'Signature', '', '', 'signature'],
    ['file', 'document', 'Document'],
    ['acknowledge', 'confirm', 'Je confirme les informations', '', '', '', 'yes'],
    ['end_group', 'field'],
    ['begin_repeat', 'children', 'Enfants'],
    ['text', 'child_name', 'Prénom', '', '', '', 'yes'],
    ['integer', 'child_age', 'Âge', '', '', '', 'yes', '', '. >= 0 and . < 18', 'Moins de 18 ans'],
    ['end_repeat', 'children'],
    ['calculate', 'child_count', '', '', '', '', '', '', '', '', 'count(${children})'],
    ['note', 'summary', '${respondent} : ${child_count} enfant(s), ${visitors} visiteur(s)'],
  ];
  const choices: Row[] = [
    ['list_name', 'name', 'label'],
    ['yes_no', 'yes', 'Oui'],
    ['yes_no', 'no', 'Non'],
    ['services', 'health', 'Santé'],
    ['services', 'school', 'École'],
    ['services', 'cash', 'Transfert monétaire'],
    ['agree', 'a1', 'Pas du tout'],
    ['agree', 'a2', 'Peu'],
    ['agree', 'a3', 'Moyennement'],
    ['agree', 'a4', 'Beaucoup'],
  ];
  const settings: Row[] = [
    ['form_title', 'form_id', 'version', 'default_language', 'instance_name', 'area_field'],
    [ALL_TYPES_TITLE, ALL_TYPES_FORM_ID, version, 'French (fr)', "concat(${respondent}, ' — ', ${colline})", 'colline'],
  ];
  // Labels in French (the default language).
  survey[0] = survey[0]!.map((h) =>
    h === 'label' || h === 'hint' || h === 'constraint_message' || h === 'guidance_hint' ? `${h}::French (fr)` : h,
  );
  choices[0] = ['list_name', 'name', 'label::French (fr)'];
  return workbook({ survey, choices, settings });
}

export const LARGE_FORM_ID = 'large_form_1000';
export const LARGE_FORM_TITLE = 'Formulaire de 1 000 questions';

/**
 * A form of `questions` questions on one screen (no groups), as long survey instruments are: integers,
 * texts, yes/no buttons and dates in turn, every tenth question relevant on the answer before it, and a
 * running total of the integers.
 */
export function largeFormWorkbook(questions = 1000): Buffer {
  const survey: Row[] = [['type', 'name', 'label', 'relevant', 'constraint', 'calculation']];
  const integers: string[] = [];
  for (let i = 1; i <= questions; i++) {
    const name = `q${i}`;
    const kind = i % 4;
    const relevant = i % 10 === 0 ? `\${q${i - 1}} != ''` : '';
    if (kind === 1) {
      survey.push(['integer', name, `Question ${i} (nombre)`, relevant, '. >= 0']);
      integers.push(name);
    } else if (kind === 2) survey.push(['text', name, `Question ${i} (texte)`, relevant]);
    else if (kind === 3) survey.push(['select_one yes_no', name, `Question ${i} (oui/non)`, relevant]);
    else survey.push(['date', name, `Question ${i} (date)`, relevant]);
  }
  survey.push([
    'calculate',
    'total',
    '',
    '',
    '',
    integers
      .map((n) => `coalesce(\${${n}}, 0)`)
      .slice(0, 200)
      .join(' + '),
  ]);
  return workbook({
    survey,
    choices: [
      ['list_name', 'name', 'label'],
      ['yes_no', 'yes', 'Oui'],
      ['yes_no', 'no', 'Non'],
    ],
    settings: [
      ['form_title', 'form_id', 'version'],
      [LARGE_FORM_TITLE, LARGE_FORM_ID, '1'],
    ],
  });
}
