import type { FormDefinition, FormDoc } from '@kusanya/schemas';

/**
 * A published form as devices pull it (the `forms` collection): version 1 of the household survey, in French,
 * with no questions unless `definition` gives some (any field of the definition may be replaced).
 */
export function formDocFixture(definition: Partial<FormDefinition> = {}): FormDoc {
  return {
    id: 'household_survey@1',
    formId: 'household_survey',
    version: '1',
    status: 'published',
    publishedAt: '2026-11-24T08:00:00.000Z',
    _deleted: false,
    definition: {
      formId: 'household_survey',
      version: '1',
      title: { fr: 'Enquête ménage' },
      languages: ['fr'],
      defaultLanguage: 'fr',
      fields: [],
      choices: {},
      ...definition,
    },
  };
}
