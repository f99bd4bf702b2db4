/**
 * Built-in messages of the form engine in French (`fr`), Kirundi (`rn`) and English (`en`).
 * A form's own `constraintMessage` / `requiredMessage` take precedence over these.
 *
 * The Kirundi texts are a first draft by a non-native writer: they NEED REVIEW by a native
 * speaker before the pilot.
 */

export type MessageKey =
  | 'required'
  | 'constraint'
  | 'notText'
  | 'textTooLong'
  | 'notInteger'
  | 'notNumber'
  | 'numberTooLarge'
  | 'notDate'
  | 'dateOutOfRange'
  | 'notChoice'
  | 'choiceFiltered'
  | 'duplicateChoice'
  | 'notGeopoint'
  | 'notList'
  | 'notObject'
  | 'unknownField'
  | 'noAnswerExpected'
  | 'repeatExact'
  | 'repeatMin'
  | 'repeatMax'
  | 'uncheckable'
  | 'expressionError'
  | 'divisionByZero'
  | 'invalidDate'
  | 'invalidRegex'
  | 'otherChoice'
  | 'otherSpecify'
  | 'notTime'
  | 'notDateTime'
  | 'notGeotrace'
  | 'notGeoshape'
  | 'outOfRange'
  | 'notOnStep'
  | 'notFile'
  | 'incompleteRank'
  | 'notAcknowledged'
  | 'missingMedia'
  | 'invalidArgument';

export type MessageLanguage = 'fr' | 'rn' | 'en';

type Catalogue = Readonly<Record<MessageKey, string>>;

const fr: Catalogue = {
  required: 'Cette question est obligatoire.',
  constraint: "Cette réponse n'est pas valide.",
  notText: 'Entrez du texte.',
  textTooLong: 'Texte trop long (maximum {max} caractères).',
  notInteger: 'Entrez un nombre entier.',
  notNumber: 'Entrez un nombre.',
  numberTooLarge: 'Ce nombre est trop grand.',
  notDate: 'Entrez une date au format AAAA-MM-JJ (par exemple 2026-01-31).',
  dateOutOfRange: 'La date doit être entre 1900 et 2100.',
  notChoice: '« {value} » ne fait pas partie des choix.',
  choiceFiltered: "« {value} » n'est pas un choix possible ici.",
  duplicateChoice: '« {value} » est sélectionné deux fois.',
  notGeopoint: 'Position GPS invalide.',
  notList: 'Une liste d’entrées est attendue.',
  notObject: 'Chaque entrée doit être un ensemble de réponses.',
  unknownField: "Cette question n'existe pas dans ce formulaire.",
  noAnswerExpected: "Cet élément n'attend pas de réponse.",
  repeatExact: 'Il faut {expected} entrée(s) ; il y en a {actual}.',
  repeatMin: 'Il faut au moins {min} entrée(s).',
  repeatMax: 'Pas plus de {max} entrée(s).',
  uncheckable: 'Impossible de vérifier cette réponse : {detail}.',
  expressionError: 'Erreur de calcul : {detail}.',
  divisionByZero: 'division par zéro',
  invalidDate: 'date invalide « {value} »',
  invalidRegex: 'motif invalide « {value} »',
  otherChoice: 'Autre',
  otherSpecify: 'Précisez « autre » :',
  notTime: 'Entrez une heure (par exemple 14:30).',
  notDateTime: 'Entrez une date et une heure.',
  notGeotrace: 'Le tracé doit avoir au moins 2 points.',
  notGeoshape: 'La zone doit avoir au moins 3 points.',
  outOfRange: 'La valeur doit être entre {min} et {max}.',
  notOnStep: 'La valeur doit aller de {step} en {step} à partir de {min}.',
  notFile: 'Fichier invalide.',
  incompleteRank: 'Classez tous les choix.',
  notAcknowledged: 'Confirmez en touchant le bouton.',
  missingMedia: "le fichier « {value} » du formulaire n'est pas encore sur cet appareil",
  invalidArgument: 'valeur invalide ({value})',
};

const rn: Catalogue = {
  required: 'Iki kibazo gitegerezwa kwishurwa.',
  constraint: 'Iyi nyishu ntiyemewe.',
  notText: 'Andika amajambo.',
  textTooLong: 'Amajambo ni menshi cane (ntarengwa: indome {max}).',
  notInteger: 'Andika igitigiri kitagira ibice.',
  notNumber: 'Andika igitigiri.',
  numberTooLarge: 'Iki gitigiri kirarengeje.',
  notDate: "Andika itariki muri ubu buryo: UMWAKA-UKWEZI-UMUSI (nk'akarorero 2026-01-31).",
  dateOutOfRange: "Itariki itegerezwa kuba hagati y'umwaka wa 1900 n'uwa 2100.",
  notChoice: '« {value} » si kimwe mu vyo guhitamwo.',
  choiceFiltered: "« {value} » ntishobora guhitamwo ng'aha.",
  duplicateChoice: '« {value} » yahiswemwo kabiri.',
  notGeopoint: 'Ikibanza ca GPS ntikibereye.',
  notList: 'Hategerezwa urutonde.',
  notObject: 'Umurongo wose utegerezwa kuba urimwo inyishu.',
  unknownField: 'Iki kibazo nticiri muri iyi fomu.',
  noAnswerExpected: 'Iki kintu ntigisaba inyishu.',
  repeatExact: 'Hategerezwa {expected}, ariko hariho {actual}.',
  repeatMin: 'Hategerezwa nibura {min}.',
  repeatMax: 'Ntihategerezwa kurenga {max}.',
  uncheckable: 'Iyi nyishu ntishobora gusuzumwa: {detail}.',
  expressionError: 'Ikosa mu guharura: {detail}.',
  divisionByZero: 'kugabanya na zero',
  invalidDate: 'itariki « {value} » ntibereye',
  invalidRegex: 'ikigereranyo « {value} » ntikibereye',
  otherChoice: 'Ibindi',
  otherSpecify: 'Sobanura ibindi:',
  notTime: "Andika isaha (nk'akarorero 14:30).",
  notDateTime: "Andika itariki n'isaha.",
  notGeotrace: 'Inzira itegerezwa kugira nibura ibibanza 2.',
  notGeoshape: 'Ikibanza gitegerezwa kugira nibura ibibanza 3.',
  outOfRange: 'Igitigiri gitegerezwa kuba hagati ya {min} na {max}.',
  notOnStep: 'Igitigiri gitegerezwa kuduga {step} ku {step} uhereye kuri {min}.',
  notFile: 'Idosiye ntibereye.',
  incompleteRank: 'Tondeka ivyo guhitamwo vyose.',
  notAcknowledged: 'Emeza ukoresheje buto.',
  missingMedia: 'idosiye « {value} » ya fomu ntiraza kuri iki cuma',
  invalidArgument: 'igiciro kitabereye ({value})',
};

const en: Catalogue = {
  required: 'This question is required.',
  constraint: 'This answer is not valid.',
  notText: 'Enter text.',
  textTooLong: 'Text too long (at most {max} characters).',
  notInteger: 'Enter a whole number.',
  notNumber: 'Enter a number.',
  numberTooLarge: 'This number is too large.',
  notDate: 'Enter a date as YYYY-MM-DD (for example 2026-01-31).',
  dateOutOfRange: 'The date must be between 1900 and 2100.',
  notChoice: "'{value}' is not one of the choices.",
  choiceFiltered: "'{value}' is not an available choice here.",
  duplicateChoice: "'{value}' is selected twice.",
  notGeopoint: 'Invalid GPS location.',
  notList: 'A list of entries is expected.',
  notObject: 'Each entry must be a set of answers.',
  unknownField: 'This question is not in the form.',
  noAnswerExpected: 'This item takes no answer.',
  repeatExact: '{expected} entries are needed; there are {actual}.',
  repeatMin: 'At least {min} entries are needed.',
  repeatMax: 'At most {max} entries are allowed.',
  uncheckable: 'This answer could not be checked: {detail}.',
  expressionError: 'Calculation error: {detail}.',
  divisionByZero: 'division by zero',
  invalidDate: "invalid date '{value}'",
  invalidRegex: "invalid pattern '{value}'",
  otherChoice: 'Other',
  otherSpecify: 'Specify other:',
  notTime: 'Enter a time (for example 14:30).',
  notDateTime: 'Enter a date and a time.',
  notGeotrace: 'A line needs at least 2 points.',
  notGeoshape: 'An area needs at least 3 points.',
  outOfRange: 'The value must be between {min} and {max}.',
  notOnStep: 'The value must go in steps of {step} from {min}.',
  notFile: 'Invalid file.',
  incompleteRank: 'Rank every choice.',
  notAcknowledged: 'Confirm by tapping the button.',
  missingMedia: "the form's file '{value}' is not on this device yet",
  invalidArgument: 'invalid value ({value})',
};

const CATALOGUES: Readonly<Record<MessageLanguage, Catalogue>> = { fr, rn, en };

export const MESSAGE_LANGUAGES: readonly MessageLanguage[] = ['fr', 'rn', 'en'];

/** A message waiting for a language. */
export interface Message {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number | Message>>;
}

function catalogue(language: string): Catalogue {
  const base = language.toLowerCase().split('-')[0] as MessageLanguage;
  return CATALOGUES[base] ?? fr;
}

/** The text of a built-in message; unknown languages fall back to French, the programme's language. */
export function messageText(language: string, message: Message): string {
  const template = catalogue(language)[message.key];
  if (!message.params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const param = message.params?.[key];
    if (param === undefined) return whole;
    return typeof param === 'object' ? messageText(language, param) : String(param);
  });
}
