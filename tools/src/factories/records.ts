/**
 * Answers to the programme's grievance and indicator-report forms (forms/*.xlsx) as an enumerator captures them, in
 * colline CL03010101 of the sample hierarchy (the demo enumerator's; commune C0301, the demo supervisor's): for the
 * server's tests and the e2e tests' records sent through the API.
 */
type Answers = Record<string, unknown>;

/** A grievance as the shipped form captures it (colline CL03010101 of the sample hierarchy). */
export function grievanceAnswers(over: Answers = {}): Answers {
  return {
    case_type: 'COMPLAINT',
    category: 'PAYMENT',
    subcategory: 'PAYMENT_NOT_RECEIVED',
    channel: 'IN_PERSON',
    anonymous: 'no',
    reporter_beneficiary: 'yes',
    reporter_name: 'Aline Irakoze',
    reporter_sex: 'F',
    reporter_birth_year: 1990,
    reporter_phone: '79123456',
    province: 'P03',
    commune: 'C0301',
    zone: 'Z030101',
    colline: 'CL03010101',
    incident_date: '2026-11-20',
    description: 'Paiement du mois non reçu',
    resolved_on_spot: 'no',
    ...over,
  };
}

/** An indicator report (a sensitisation training of February 2026) as the shipped form captures it. */
export function reportAnswers(over: Answers = {}): Answers {
  return {
    activity_type: 'SENSITISATION_TRAINING',
    report_date: '2026-02-10',
    sessions: 3,
    households_attending: 40,
    province: 'P03',
    commune: 'C0301',
    zone: 'Z030101',
    colline: 'CL03010101',
    participants_men: 20,
    participants_women: 30,
    participants_batwa: 2,
    participants_disability: 4,
    participants_refugees_returnees: 5,
    observations: 'RAS',
    ...over,
  };
}
