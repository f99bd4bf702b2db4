import { readFile } from 'node:fs/promises';
import type { FormDefinition, FormNode } from '@kusanya/schemas';
import { checkFormDefinition } from '@kusanya/schemas/validators';
import { compileForm } from '@kusanya/shared/form/compile';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { createFormSession } from '@kusanya/shared/form/session';
import { validateAnswers } from '@kusanya/shared/form/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { importXlsform } from './import-workbook.js';

/**
 * The programme's forms, as programme staff edit them: `forms/*.xlsx` at the repository root; a version published
 * before, kept as it was in `forms/versions/NAME-VERSION.xlsx`.
 */
async function shipped(name: string): Promise<FormDefinition> {
  const buffer = await readFile(new URL(`../../../forms/${name}.xlsx`, import.meta.url));
  const result = await importXlsform(buffer);
  if (!result.ok) throw new Error(`${name}.xlsx: ${JSON.stringify(result.problems, null, 1)}`);
  expect(result.warnings).toEqual([]);
  return result.definition;
}

function allNodes(nodes: readonly FormNode[]): FormNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children ?? [])]);
}

const today = '2026-11-24';
/** The household survey's version before 2026120601 (plain age wording, one message per recipient rule). */
const PREVIOUS_HOUSEHOLD_VERSION = '2026112402';
const NAMES = ['household_survey', 'grievance', 'indicator_report'] as const;

describe.each(NAMES)('shipped form %s', (name) => {
  let definition: FormDefinition;
  beforeAll(async () => {
    definition = await shipped(name);
  });

  it('converts to the definition the importer wrote before it followed pyxform (issue 14), quotes straightened as pyxform straightens them', async () => {
    // The fixtures are what the earlier importer (main before issue 14) made of these very workbooks. pyxform
    // replaces curly quotes with straight ones in every cell (parsing/sheet_headers.py, clean_text_values), and
    // so does Kusanya now: that is the only difference allowed.
    // The household survey has had a new version since: its previous one, kept in forms/versions/, is compared.
    const workbook = name === 'household_survey' ? `versions/${name}-${PREVIOUS_HOUSEHOLD_VERSION}` : name;
    const converted = workbook === name ? definition : await shipped(workbook);
    const before = await readFile(
      new URL(`../../test/fixtures/shipped-definitions/${name}.json`, import.meta.url),
      'utf8',
    );
    const straightened = JSON.parse(before, (_key, value: unknown) =>
      typeof value === 'string' ? value.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"') : value,
    ) as unknown;
    expect(converted).toEqual(straightened);
  });

  it('imports with no problem, matches the schema and names its area question', () => {
    expect(checkFormDefinition(definition).ok).toBe(true);
    expect(definition).toMatchObject({
      formId: name,
      defaultLanguage: 'fr',
      languages: ['fr', 'rn', 'en'],
      areaField: 'colline',
    });
    expect(definition.notes).toMatch(/native speaker/);
    expect(() => compileForm(definition)).not.toThrow();
  });

  it('has every text in French, Kirundi and English', () => {
    for (const node of allNodes(definition.fields)) {
      for (const text of [node.label, node.hint, node.constraintMessage]) {
        if (text) expect(Object.keys(text).sort(), `${node.name}`).toEqual(['en', 'fr', 'rn']);
      }
      if (node.type !== 'calculate') expect(node.label, node.name).toBeDefined();
    }
    for (const [list, choices] of Object.entries(definition.choices)) {
      for (const c of choices ?? [])
        expect(Object.keys(c.label).sort(), `${list}.${c.name}`).toEqual(['en', 'fr', 'rn']);
    }
  });

  it('cascades province → commune → zone → colline over the sample hierarchy', () => {
    const session = createFormSession(compileForm(definition), { language: 'fr', today });
    session.setValue('province', 'P05');
    expect(session.getNodeState('commune')?.choices?.map((c) => c.name)).toEqual(['C0501', 'C0502']);
    session.setValue('commune', 'C0502');
    session.setValue('zone', 'Z050201');
    expect(session.getNodeState('colline')?.choices).toEqual([
      { name: 'CL05020101', label: 'Kiremba (exemple)' },
      { name: 'CL05020102', label: 'Nyangungu (exemple)' },
    ]);
    session.setValue('colline', 'CL05020102');
    expect(session.area()).toBe('CL05020102');
    session.setValue('province', 'P03');
    expect(session.area()).toBeUndefined();
  });
});

/** The message of the recipient's age rule (version 2026120601). */
const UNDER_18 = {
  fr: "Ce membre a moins de 18 ans : il ne peut pas recevoir les transferts. Choisissez « Non bénéficiaire », ou corrigez sa date de naissance ou son âge s'ils sont faux.",
  rn: "Uyu munyarugo ntarashikana imyaka 18: ntashobora kwakira amafaranga. Hitamwo « Ntakira », canke ukosore itariki y'amavuka canke imyaka yiwe nimba atari vyo.",
  en: 'This member is under 18 and cannot receive transfers. Choose "Not a recipient", or correct the date of birth or age if it is wrong.',
};

describe('household survey rules', () => {
  let form: ReturnType<typeof compileForm>;
  beforeAll(async () => {
    form = compileForm(await shipped('household_survey'));
  });
  const validate = (data: Record<string, unknown>, language = 'fr') => validateAnswers(form, data, language, { today });
  const withMembers = (change: (members: Record<string, unknown>[]) => void) => {
    const data = sampleHousehold(10);
    change(data['members'] as Record<string, unknown>[]);
    return data;
  };

  it('accepts the 10-member sample and computes the roster totals', () => {
    const { errors, cleaned } = validate(sampleHousehold(10));
    expect(errors).toEqual([]);
    expect(cleaned).toMatchObject({ hh_size: 10, n_heads: 1, n_primary: 1, n_respondents: 1, fcs_group: 'ACCEPTABLE' });
    expect((cleaned['members'] as Record<string, unknown>[])[0]).toMatchObject({ line: 1, age: 47, is_head: 1 });
  });

  it('requires exactly one head: 0 heads, 1 head, 2 heads', () => {
    const none = withMembers((m) => (m[0]!['relationship'] = 'SON'));
    expect(validate(none, 'en').errors).toEqual([
      {
        path: 'roster_complete',
        message:
          'Complete the roster: exactly 1 head of household (now 0), 1 primary recipient (1) and 1 respondent (1) are needed.',
      },
    ]);
    expect(validate(sampleHousehold(10)).errors).toEqual([]);
    const two = withMembers((m) => (m[3]!['relationship'] = 'HEAD'));
    expect(validate(two, 'en').errors).toEqual([
      { path: 'members[0].relationship', message: 'There can be only one head of household' },
      { path: 'members[3].relationship', message: 'There can be only one head of household' },
      {
        path: 'roster_complete',
        message:
          'Complete the roster: exactly 1 head of household (now 2), 1 primary recipient (1) and 1 respondent (1) are needed.',
      },
    ]);
  });

  it('requires exactly one adult primary recipient and one respondent', () => {
    const none = withMembers((m) => (m[0]!['recipient'] = 'NONE'));
    expect(validate(none, 'rn').errors).toEqual([
      {
        path: 'roster_complete',
        message: "Uzuza urutonde: hakenewe umukuru w'urugo 1 (ubu 1), uwakira nyamukuru 1 (0) n'uwishura 1 (1).",
      },
    ]);
    // A second primary recipient stops the roster (its message gives the count) …
    const two = withMembers((m) => (m[1]!['recipient'] = 'PRIMARY'));
    expect(validate(two, 'en').errors).toEqual([
      {
        path: 'roster_complete',
        message:
          'Complete the roster: exactly 1 head of household (now 1), 1 primary recipient (2) and 1 respondent (1) are needed.',
      },
    ]);
    // … and a minor as recipient stops the member, with its own message saying what to fix.
    const child = withMembers((m) => {
      m[0]!['recipient'] = 'NONE';
      m[4]!['recipient'] = 'PRIMARY';
    });
    expect(validate(child, 'en').errors).toEqual([{ path: 'members[4].recipient', message: UNDER_18.en }]);
    const respondents = withMembers((m) => (m[2]!['is_respondent'] = 'yes'));
    expect(validate(respondents, 'en').errors.map((e) => e.path)).toEqual([
      'members[0].is_respondent',
      'members[2].is_respondent',
      'roster_complete',
    ]);
  });

  it('checks location, dates, phone numbers and "none" among assets', () => {
    const data = {
      ...sampleHousehold(3),
      colline: 'CL05020101',
      respondent_phone: '12-34',
      assets: ['NONE', 'RADIO'],
      members: withMembers((m) => (m[0]!['dob'] = '2027-01-01'))['members'],
    };
    expect(validate(data, 'en').errors).toEqual([
      { path: 'colline', message: "'CL05020101' is not an available choice here." },
      { path: 'respondent_phone', message: 'Burundian number: 8 digits, e.g. 79123456' },
      { path: 'assets', message: "'None of these' cannot be combined with other answers" },
      { path: 'members[0].dob', message: 'The date of birth cannot be in the future' },
      // A head "born in the future" is not an adult, so cannot be the primary recipient either.
      { path: 'members[0].recipient', message: UNDER_18.en },
    ]);
  });

  it('keeps only the consent and location when the household refuses', () => {
    const { errors, cleaned } = validate({ ...sampleHousehold(10), consent: 'no' });
    expect(errors).toEqual([]);
    expect(Object.keys(cleaned).sort()).toEqual([
      'colline',
      'commune',
      'consent',
      'gps',
      'hh_size',
      'n_heads',
      'n_primary',
      'n_respondents',
      'province',
      'zone',
    ]);
  });

  it('asks the estimated age in plain words, with how to count it', () => {
    const session = createFormSession(form, { language: 'fr', today });
    session.setValue('consent', 'yes');
    session.setValue('members[0].dob_known', 'no');
    const age = session.getNodeState('members[0].age_estimated');
    expect(age?.label).toBe('Âge estimé (en années)');
    expect(age?.hint).toBe("Son âge à son dernier anniversaire. Pour un bébé de moins d'un an, mettez 0.");
    for (const language of ['fr', 'rn', 'en'] as const) {
      const state = createFormSession(form, { language, today });
      state.setValue('consent', 'yes');
      state.setValue('members[0].dob_known', 'no');
      expect(state.getNodeState('members[0].age_estimated')?.label).not.toMatch(/révolues|completed years/);
    }
  });

  it('says which recipient rule is broken and what to do, one message per rule, in each language', () => {
    const child = withMembers((m) => {
      m[0]!['recipient'] = 'NONE';
      m[4]!['recipient'] = 'PRIMARY';
    });
    for (const language of ['fr', 'rn', 'en'] as const)
      expect(validate(child, language).errors).toEqual([{ path: 'members[4].recipient', message: UNDER_18[language] }]);

    // Two primary recipients: each of them reads, on the member itself, how many there are and how to fix it.
    const session = createFormSession(form, { language: 'fr', today });
    session.setValue('consent', 'yes');
    session.addRepeatInstance('members');
    session.setValue('members[0].recipient', 'PRIMARY');
    expect(session.getNodeState('members[0].primary_conflict')?.relevant).toBe(false);
    session.setValue('members[1].recipient', 'PRIMARY');
    for (const member of ['members[0]', 'members[1]']) {
      const note = session.getNodeState(`${member}.primary_conflict`);
      expect(note?.relevant).toBe(true);
      expect(note?.label).toBe(
        'Le ménage a 2 bénéficiaires principaux : il en faut un seul. Gardez « Bénéficiaire principal » pour une seule personne et choisissez « Bénéficiaire suppléant » ou « Non bénéficiaire » pour les autres.',
      );
    }
    session.setValue('members[1].recipient', 'SECONDARY');
    expect(session.getNodeState('members[0].primary_conflict')?.relevant).toBe(false);
  });

  it('drives a filling session: roster lines, ages and the instance name', () => {
    const session = createFormSession(form, { language: 'en', today });
    session.setValue('consent', 'yes');
    expect(session.children('members')).toEqual(['members[0]']);
    session.addRepeatInstance('members');
    expect(session.getNodeState('members[1].member_title')?.label).toBe('Member no. 2');
    session.setValue('members[1].dob_known', 'yes');
    session.setValue('members[1].dob', '2020-06-01');
    expect(session.getNodeState('members[1].marital_status')?.relevant).toBe(false);
    expect(session.getNodeState('members[1].in_school')?.relevant).toBe(true);
    session.setValue('respondent_name', 'Jean Niyonzima');
    session.setValue('province', 'P03');
    session.setValue('commune', 'C0301');
    session.setValue('zone', 'Z030101');
    session.setValue('colline', 'CL03010101');
    expect(session.instanceName()).toBe('Jean Niyonzima — CL03010101');
  });
});

describe('grievance rules', () => {
  let form: ReturnType<typeof compileForm>;
  beforeAll(async () => {
    form = compileForm(await shipped('grievance'));
  });
  const base = {
    case_type: 'COMPLAINT',
    category: 'PAYMENT',
    subcategory: 'PAYMENT_LATE',
    channel: 'HOTLINE',
    anonymous: 'yes',
    reporter_beneficiary: 'yes',
    province: 'P03',
    commune: 'C0302',
    zone: 'Z030201',
    colline: 'CL03020102',
    incident_date: '2026-11-02',
    description: 'Le paiement du mois est arrivé avec trois semaines de retard.',
    resolved_on_spot: 'no',
  };

  it('accepts an anonymous complaint and drops reporter details', () => {
    const { errors, cleaned } = validateAnswers(form, { ...base, reporter_name: 'Should go' }, 'fr', { today });
    expect(errors).toEqual([]);
    expect(cleaned).not.toHaveProperty('reporter_name');
  });

  it('requires the reporter when not anonymous, and checks subcategory and dates', () => {
    const data = {
      ...base,
      anonymous: 'no',
      subcategory: 'PHONE_LOST',
      incident_date: '2026-12-01',
      reporter_birth_year: 2031,
    };
    expect(validateAnswers(form, data, 'en', { today }).errors).toEqual([
      { path: 'subcategory', message: "'PHONE_LOST' is not an available choice here." },
      { path: 'reporter_name', message: 'This question is required.' },
      { path: 'reporter_sex', message: 'This question is required.' },
      { path: 'reporter_birth_year', message: 'A year between 1900 and the current year' },
      { path: 'incident_date', message: 'The date cannot be in the future' },
    ]);
  });

  it('asks the reason of a replacement instead of a category, and flags sensitive cases', () => {
    const replacement = { ...base, case_type: 'RECIPIENT_REPLACEMENT', replacement_reason: 'DEATH' };
    const { errors, cleaned } = validateAnswers(form, replacement, 'en', { today });
    expect(errors).toEqual([]);
    expect(cleaned).not.toHaveProperty('category');
    const session = createFormSession(form, { language: 'en', today });
    session.setValue('case_type', 'COMPLAINT');
    session.setValue('category', 'VIOLENCE_GBV');
    expect(session.getNodeState('sensitive_note')?.relevant).toBe(true);
    expect(session.getNodeState('subcategory')?.choices?.map((c) => c.name)).toEqual([
      'GBV_PHYSICAL',
      'GBV_SEXUAL',
      'GBV_ECONOMIC',
      'GBV_PSYCHOLOGICAL',
      'GBV_FAMILY_CONFLICT',
      'GBV_OTHER',
    ]);
  });
});

describe('indicator report rules', () => {
  let form: ReturnType<typeof compileForm>;
  beforeAll(async () => {
    form = compileForm(await shipped('indicator_report'));
  });
  const base = {
    activity_type: 'CASH_TRANSFER',
    report_date: '2026-11-20',
    households_attending: 120,
    province: 'P05',
    commune: 'C0501',
    zone: 'Z050102',
    colline: 'CL05010201',
    participants_men: 40,
    participants_women: 85,
    participants_batwa: 6,
    participants_disability: 4,
    participants_refugees_returnees: 11,
    households_planned: 130,
    households_paid: 118,
    amount_planned: 9_750_000,
    amount_paid: 8_850_000,
  };

  it('accepts a cash-transfer report and computes totals and the payment rate', () => {
    const { errors, cleaned } = validateAnswers(form, base, 'fr', { today });
    expect(errors).toEqual([]);
    expect(cleaned).toMatchObject({ participants_total: 125, payment_rate: 90.8 });
  });

  it('keeps disaggregations within the total and payments within the plan', () => {
    const data = { ...base, participants_batwa: 130, households_paid: 131, amount_paid: 10_000_000 };
    expect(validateAnswers(form, data, 'fr', { today }).errors).toEqual([
      { path: 'participants_batwa', message: 'Ne peut pas dépasser le nombre total de participants (125)' },
      { path: 'households_paid', message: 'Ne peut pas dépasser les ménages prévus (130)' },
      { path: 'amount_paid', message: 'Entre 0 et le montant prévu (9750000 BIF)' },
    ]);
  });

  it('asks sessions for trainings and drops transfer amounts', () => {
    const training = { ...base, activity_type: 'SENSITISATION_TRAINING' };
    const { errors, cleaned } = validateAnswers(form, training, 'en', { today });
    expect(errors).toEqual([{ path: 'sessions', message: 'This question is required.' }]);
    expect(cleaned).not.toHaveProperty('amount_paid');
  });
});
