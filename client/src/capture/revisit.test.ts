import type { FormDefinition, HouseholdDoc } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { revisitAnswers } from './revisit.js';

const definition = {
  formId: 'household_survey',
  version: '2',
  title: { fr: 'Enquête' },
  languages: ['fr'],
  defaultLanguage: 'fr',
  fields: [
    {
      type: 'group',
      name: 'housing',
      children: [
        { type: 'integer', name: 'rooms' },
        { type: 'calculate', name: 'score', calculation: '1' },
      ],
    },
    {
      type: 'repeat',
      name: 'members',
      children: [
        { type: 'text', name: 'individual_id', appearance: 'hidden', readOnly: true },
        { type: 'text', name: 'first_name' },
      ],
    },
  ],
  choices: {},
} satisfies FormDefinition;

const household: HouseholdDoc = {
  id: '01936f3e-8b2a-7c3d-9e4f-0123456789ab',
  code: '2026-P03-000001',
  area: 'CL03010101',
  version: 3,
  values: { rooms: 2, retired_question: 'x' },
  members: [
    {
      individualId: '01936f3e-8b2a-7c3d-9e4f-0123456789ac',
      role: 'HEAD',
      recipient: 'PRIMARY',
      respondent: true,
      values: { first_name: 'Jean', old_field: 1 },
    },
  ],
  updatedAt: '2026-11-24T08:00:00.000Z',
  _deleted: false,
};

describe('revisitAnswers', () => {
  it('starts from the registry values, with each member keyed by their registry id', () => {
    expect(revisitAnswers(household, definition)).toEqual({
      rooms: 2,
      members: [{ first_name: 'Jean', individual_id: '01936f3e-8b2a-7c3d-9e4f-0123456789ac' }],
    });
  });
});
