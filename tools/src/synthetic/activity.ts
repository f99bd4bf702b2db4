import { dueDate, SENSITIVE_CATEGORIES, SPECIAL_CATEGORIES, type TicketStatus } from '@kusanya/shared/grievance/rules';
import type { Place } from './household.js';
import type { Random } from './random.js';

/** Synthetic grievances and indicator reports, as the programme's forms capture them. */

const CATEGORIES = [
  ['PAYMENT', 30],
  ['PHONE', 9],
  ['ACCOUNT', 8],
  ['EXCLUSION_ERROR', 12],
  ['INCLUSION_ERROR', 5],
  ['VIOLENCE_GBV', 4],
  ['CORRUPTION', 3],
  ['ACCIDENT_NEGLIGENCE', 2],
  ['DISCRIMINATION', 2],
  ['MENTAL_ILLNESS', 1],
  ['INFORMATION', 19],
  ['UNCATEGORISED', 5],
] as const;

const SUBCATEGORIES: Record<string, string[]> = {
  PAYMENT: ['PAYMENT_NOT_RECEIVED', 'PAYMENT_INCOMPLETE', 'PAYMENT_LATE', 'PAYMENT_OTHER'],
  PHONE: ['PHONE_LOST', 'PHONE_BROKEN', 'SIM_PROBLEM', 'PHONE_OTHER'],
  ACCOUNT: ['ACCOUNT_BLOCKED', 'PIN_FORGOTTEN', 'ACCOUNT_WRONG_NAME', 'ACCOUNT_OTHER'],
  EXCLUSION_ERROR: ['EXCL_NOT_REGISTERED', 'EXCL_WRONGLY_REMOVED', 'EXCL_OTHER'],
  INCLUSION_ERROR: ['INCL_NOT_ELIGIBLE', 'INCL_DUPLICATE', 'INCL_OTHER'],
  VIOLENCE_GBV: ['GBV_PHYSICAL', 'GBV_SEXUAL', 'GBV_ECONOMIC', 'GBV_PSYCHOLOGICAL', 'GBV_OTHER'],
  CORRUPTION: ['CORR_BRIBE', 'CORR_DEDUCTION', 'CORR_OTHER'],
  ACCIDENT_NEGLIGENCE: ['ACC_WORKSITE', 'ACC_NEGLIGENCE', 'ACC_OTHER'],
  DISCRIMINATION: ['DISC_ETHNIC', 'DISC_DISABILITY', 'DISC_GENDER', 'DISC_OTHER'],
  MENTAL_ILLNESS: ['MENTAL_RECIPIENT', 'MENTAL_OTHER'],
  INFORMATION: ['INFO_ELIGIBILITY', 'INFO_PAYMENT_DATES', 'INFO_OTHER'],
  UNCATEGORISED: ['UNCAT_OTHER'],
};

const DESCRIPTIONS: Record<string, string[]> = {
  PAYMENT: [
    'Le paiement du dernier cycle n’a pas été reçu.',
    'Montant reçu inférieur au montant annoncé.',
    'Paiement reçu avec deux semaines de retard.',
  ],
  PHONE: ['Le téléphone du bénéficiaire a été volé.', 'La carte SIM ne fonctionne plus.'],
  ACCOUNT: ['Le compte mobile money est bloqué.', 'Code PIN oublié, impossible de retirer.'],
  EXCLUSION_ERROR: [
    'Ménage très pauvre non enregistré lors du recensement.',
    'Ménage retiré de la liste sans explication.',
  ],
  INCLUSION_ERROR: ['Un ménage aisé figure sur la liste des bénéficiaires.', 'Le même ménage est inscrit deux fois.'],
  VIOLENCE_GBV: ['Le mari prend l’argent du transfert par la force.', 'Violence au sein du ménage après le paiement.'],
  CORRUPTION: ['Un agent demande une somme pour inscrire le ménage.', 'Retenue illégale sur le paiement.'],
  ACCIDENT_NEGLIGENCE: ['Blessure sur le chantier des travaux communautaires.'],
  DISCRIMINATION: ['Ménage batwa écarté de la réunion de sensibilisation.'],
  MENTAL_ILLNESS: ['La bénéficiaire principale souffre d’une maladie mentale.'],
  INFORMATION: ['Demande des dates du prochain paiement.', 'Question sur les critères d’éligibilité.'],
  UNCATEGORISED: ['Autre demande.'],
};

const CHANNELS = [
  ['IN_PERSON', 40],
  ['PHONE', 15],
  ['HOTLINE', 15],
  ['SUGGESTION_BOX', 10],
  ['SMS', 8],
  ['LETTER', 7],
  ['EMAIL', 1],
  ['OTHER', 4],
] as const;

const RESOLUTIONS = [
  'Le bénéficiaire a reçu le paiement manquant.',
  'Le dossier a été transmis au prestataire de paiement et corrigé.',
  'Information donnée au plaignant lors d’une visite.',
  'Le ménage a été vérifié sur le terrain et la liste corrigée.',
  'Orientation vers les services compétents.',
];

export interface Reporter {
  name: string;
  sex: 'M' | 'F';
  birthYear: number;
  phone: string | null;
  nationalId: string | null;
  householdCode: string | null;
}

export interface SyntheticTicketPlan {
  data: Record<string, unknown>;
  category: string;
  subcategory: string;
  sensitive: boolean;
  special: boolean;
  channel: string;
  anonymous: boolean;
  description: string;
  incidentDate: string;
  dueAt: Date;
  /** Status steps already taken, each with its time (RECEIVED is the start). */
  steps: { status: TicketStatus; at: Date }[];
  resolution: string | null;
}

const PATH: TicketStatus[] = ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];

/** A grievance and how far its case went by `now` (older cases are mostly closed, some are overdue). */
export function syntheticGrievance(
  rng: Random,
  receivedAt: Date,
  now: Date,
  place: Place,
  reporter: Reporter | null,
): SyntheticTicketPlan {
  const category = rng.weighted(CATEGORIES);
  const subcategory = rng.pick(SUBCATEGORIES[category]!);
  const sensitive = SENSITIVE_CATEGORIES.has(category);
  const anonymous = reporter === null || rng.chance(sensitive ? 0.4 : 0.08);
  const channel = rng.weighted(CHANNELS);
  const description = rng.pick(DESCRIPTIONS[category]!);
  const incident = new Date(receivedAt.getTime() - rng.int(0, 20) * 86_400_000).toISOString().slice(0, 10);
  const ageDays = (now.getTime() - receivedAt.getTime()) / 86_400_000;
  const stepsDone =
    ageDays > 60
      ? rng.weighted([
          [4, 85],
          [3, 10],
          [2, 5],
        ])
      : ageDays > 14
        ? rng.weighted([
            [4, 40],
            [3, 25],
            [2, 20],
            [1, 15],
          ])
        : rng.weighted([
            [0, 35],
            [1, 30],
            [2, 25],
            [3, 10],
          ]);
  const steps: { status: TicketStatus; at: Date }[] = [];
  let at = receivedAt.getTime();
  for (let i = 0; i < stepsDone; i += 1) {
    at += rng.exponential(i === 0 ? 1 : 2.5) * 86_400_000;
    if (at > now.getTime()) break;
    steps.push({ status: PATH[i]!, at: new Date(at) });
  }
  const resolved = steps.some((s) => s.status === 'RESOLVED');
  const data: Record<string, unknown> = {
    case_type: 'COMPLAINT',
    category,
    subcategory,
    channel,
    anonymous: anonymous ? 'yes' : 'no',
    ...(anonymous || !reporter
      ? {}
      : {
          reporter_beneficiary: reporter.householdCode ? 'yes' : 'no',
          ...(reporter.householdCode ? { household_code: reporter.householdCode } : {}),
          reporter_name: reporter.name,
          reporter_sex: reporter.sex,
          reporter_birth_year: reporter.birthYear,
          ...(reporter.phone ? { reporter_phone: reporter.phone } : {}),
          ...(reporter.nationalId ? { reporter_id: reporter.nationalId } : {}),
        }),
    province: place.province,
    commune: place.commune,
    zone: place.zone,
    colline: place.colline,
    incident_date: incident,
    description,
    resolved_on_spot: 'no',
  };
  return {
    data,
    category,
    subcategory,
    sensitive,
    special: SPECIAL_CATEGORIES.has(category),
    channel,
    anonymous,
    description,
    incidentDate: incident,
    dueAt: dueDate(receivedAt, category),
    steps,
    resolution: resolved ? rng.pick(RESOLUTIONS) : null,
  };
}

export const ACTIVITY_TYPES = [
  ['SENSITISATION_TRAINING', 0.75],
  ['BEHAVIOUR_CHANGE', 0.45],
  ['MICRO_PROJECT', 0.25],
  ['CASH_TRANSFER', 0.9],
] as const;

/** Transfer per household and quarter (BIF); a made-up amount for synthetic data. */
const TRANSFER_BIF = 72_000;

/** One indicator report of a colline for an activity in a quarter, scaled to the colline's households. */
export function syntheticReport(
  rng: Random,
  activity: string,
  reportDate: string,
  place: Place,
  households: number,
): Record<string, unknown> {
  const attending = Math.max(1, Math.round(households * (0.3 + rng.next() * 0.5)));
  const participants = Math.round(attending * (1 + rng.next() * 0.6));
  const women = Math.round(participants * (0.5 + rng.next() * 0.2));
  const men = participants - women;
  const common = {
    activity_type: activity,
    report_date: reportDate,
    households_attending: attending,
    province: place.province,
    commune: place.commune,
    zone: place.zone,
    colline: place.colline,
    participants_men: men,
    participants_women: women,
    participants_batwa: Math.round(participants * rng.next() * 0.03),
    participants_disability: Math.round(participants * rng.next() * 0.06),
    participants_refugees_returnees: Math.round(participants * rng.next() * 0.08),
    ...(rng.chance(0.3)
      ? {
          observations: rng.pick([
            'RAS',
            'Bonne participation des femmes.',
            'Pluies pendant la séance.',
            'Retard du facilitateur.',
          ]),
        }
      : {}),
  };
  if (activity !== 'CASH_TRANSFER') return { ...common, sessions: rng.int(1, activity === 'MICRO_PROJECT' ? 2 : 6) };
  const planned = Math.max(1, households);
  const paid = Math.round(planned * (0.85 + rng.next() * 0.15));
  return {
    ...common,
    households_planned: planned,
    households_paid: paid,
    amount_planned: planned * TRANSFER_BIF,
    amount_paid: paid * TRANSFER_BIF,
  };
}
