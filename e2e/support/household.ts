import type { FormPage } from './forms.js';

/**
 * Answers to the programme's household survey (`forms/household_survey.xlsx`), as stored (choice
 * names), and how to fill them in through the renderer, section by section.
 */

export type Answers = Record<string, string | number | readonly string[]>;

/** A household of five: head, spouse (age estimated), and three children of different ages. */
/** A national ID of a name's own (the same name, the same ID), so records of unrelated tests never look alike. */
export function nationalIdFor(name: string): string {
  const digits = [...name]
    .reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000_000, 7)
    .toString()
    .padStart(9, '0');
  return `${digits.slice(0, 4)}/${digits.slice(4, 7)}.${digits.slice(7)}`;
}

export function fiveMembers(lastName: string): Answers[] {
  const child = (first_name: string, sex: string, dob: string, relationship: string, education: string): Answers => ({
    first_name,
    last_name: lastName,
    sex,
    dob_known: 'yes',
    dob,
    relationship,
    marital_status: 'SINGLE',
    literate: 'yes',
    education,
    in_school: 'yes',
    disability: 'no',
    chronic_illness: 'no',
    activity: 'STUDENT',
    recipient: 'NONE',
    is_respondent: 'no',
  });
  return [
    {
      first_name: 'Jean',
      last_name: lastName,
      sex: 'M',
      dob_known: 'yes',
      dob: '1979-04-12',
      relationship: 'HEAD',
      marital_status: 'MARRIED_CIVIL',
      national_id: nationalIdFor(lastName),
      phone: '79123456',
      literate: 'yes',
      education: 'FONDAMENTAL_3_4',
      disability: 'no',
      chronic_illness: 'no',
      activity: 'AGRICULTURE',
      recipient: 'PRIMARY',
      is_respondent: 'yes',
    },
    {
      first_name: 'Marie',
      last_name: lastName,
      sex: 'F',
      dob_known: 'no',
      age_estimated: 41,
      relationship: 'SPOUSE',
      marital_status: 'MARRIED_CIVIL',
      literate: 'yes',
      education: 'FONDAMENTAL_1_2',
      disability: 'no',
      chronic_illness: 'no',
      activity: 'AGRICULTURE',
      recipient: 'SECONDARY',
      is_respondent: 'no',
    },
    child('Claude', 'M', '2012-03-15', 'SON', 'FONDAMENTAL_3_4'),
    child('Aline', 'F', '2016-06-15', 'DAUGHTER', 'FONDAMENTAL_1_2'),
    child('Divine', 'F', '2023-01-10', 'DAUGHTER', 'PRESCHOOL'),
  ];
}

/** Member questions in the order they are asked; those marked `byAge` depend on the member's age. */
const MEMBER_QUESTIONS: readonly { name: string; byAge?: true }[] = [
  { name: 'first_name' },
  { name: 'last_name' },
  { name: 'sex' },
  { name: 'dob_known' },
  { name: 'dob', byAge: true },
  { name: 'age_estimated', byAge: true },
  { name: 'relationship' },
  { name: 'marital_status', byAge: true },
  { name: 'national_id', byAge: true },
  { name: 'phone', byAge: true },
  { name: 'literate', byAge: true },
  { name: 'education', byAge: true },
  { name: 'in_school', byAge: true },
  { name: 'disability' },
  { name: 'chronic_illness' },
  { name: 'activity', byAge: true },
  { name: 'recipient' },
  { name: 'is_respondent' },
];

/** The household-level sections after the location, with their answers. */
export function householdSections(respondent: string): [section: string, answers: Answers][] {
  return [
    ['consent_grp', { consent: 'yes' }],
    ['respondent_grp', { respondent_name: respondent, respondent_phone: '79123456' }],
    ['household', { hh_type: 'NUCLEAR', batwa: 'no', displaced: 'no', returnee: 'no', refugee: 'no' }],
    [
      'housing',
      {
        rooms: 3,
        tenure: 'OWNER',
        walls: 'MUD_BRICK',
        roof: 'IRON_SHEET',
        floor: 'EARTH',
        water_source: 'PROTECTED_SPRING',
        water_minutes: 40,
        lighting: 'SOLAR',
        cooking_fuel: 'FIREWOOD',
        toilet: 'TRADITIONAL_LATRINE',
      },
    ],
    ['assets_grp', { assets: ['RADIO', 'MOBILE_PHONE'] }],
    ['land_grp', { owns_land: 'no', has_livestock: 'no' }],
    [
      'food_grp',
      {
        fcs_cereals: 7,
        fcs_pulses: 5,
        fcs_vegetables: 4,
        fcs_fruits: 1,
        fcs_meat_fish: 1,
        fcs_milk: 0,
        fcs_sugar: 2,
        fcs_oil: 3,
        meals_yesterday: 2,
      },
    ],
    ['health_grp', { health_insurance: 'CAM', health_minutes: 50 }],
    ['finance_grp', { mobile_money: 'yes', bank_account: 'no', savings_group: 'yes', has_loan: 'no' }],
  ];
}

export async function answerAll(form: FormPage, answers: Answers): Promise<void> {
  for (const [name, value] of Object.entries(answers)) await form.answerField(name, value);
}

/** Fills the location section with the sample colline Mubuga (CL03010101). */
export async function fillLocation(form: FormPage, colline = 'CL03010101'): Promise<void> {
  await form.expectSection('location');
  await answerAll(form, { province: 'P03', commune: 'C0301', zone: `Z${colline.slice(2, 8)}`, colline });
}

/**
 * Fills roster member `index` (0-based): opens the entry if the roster already has it (the first one
 * is there from the start), else adds it; answers its questions, and goes back to the list.
 */
export async function fillMember(form: FormPage, index: number, member: Answers): Promise<void> {
  if ((await form.entryCards().count()) > index) await form.openEntry(index);
  else await form.addEntry();
  for (const { name, byAge } of MEMBER_QUESTIONS) {
    const value = member[name];
    if (value === undefined) continue;
    if (byAge) await form.answerFieldIfShown(name, value);
    else await form.answerField(name, value);
  }
  await form.backToList();
}

/**
 * Fills a whole household from the location (already on screen) to the roster check, moving with
 * "next" from one section to the following one.
 */
export async function fillHousehold(form: FormPage, respondent: string, members: readonly Answers[]): Promise<void> {
  await fillLocation(form);
  for (const [section, answers] of householdSections(respondent)) {
    await form.next();
    await form.expectSection(section);
    await answerAll(form, answers);
  }
  await form.next();
  await form.expectSection('members');
  for (const [index, member] of members.entries()) await fillMember(form, index, member);
  await form.next();
  await form.expectSection('roster_check');
  await form.answerField('roster_complete', 'yes');
}

/** Complete, valid answers of the household survey (what `fillHousehold` types), for records pushed through the API. */
export function householdData(respondent: string, colline = 'CL03010101'): Answers {
  const [head, spouse] = fiveMembers(respondent.split(' ')[0] ?? 'Niyonzima');
  head!['national_id'] = nationalIdFor(respondent);
  return {
    province: `P${colline.slice(2, 4)}`,
    commune: `C${colline.slice(2, 6)}`,
    zone: `Z${colline.slice(2, 8)}`,
    colline,
    ...Object.assign({}, ...householdSections(respondent).map(([, answers]) => answers)),
    members: [head, spouse],
    roster_complete: 'yes',
  };
}
