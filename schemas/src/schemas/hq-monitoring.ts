import { ID_BASE, areaCode } from './common.js';

/** M&E dashboards and the indicator catalogue (HQ; admin edits the catalogue and targets). */

const str = { type: 'string' } as const;
const num = { type: 'number' } as const;
const nullableNum = { type: ['number', 'null'] } as const;
const quarter = { type: 'string', pattern: '^\\d{4}-Q[1-4]$' } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** The figures an indicator report answers (the shipped activity report's fields), in the order exports write them. */
export const reportFigures = [
  'sessions',
  'households_attending',
  'participants_men',
  'participants_women',
  'participants_batwa',
  'participants_disability',
  'participants_refugees_returnees',
  'households_planned',
  'households_paid',
  'amount_planned',
  'amount_paid',
] as const;

export const indicatorMeasures = [
  'sessions',
  'households_attending',
  'participants',
  'participants_women',
  'participants_batwa',
  'participants_disability',
  'participants_refugees_returnees',
  'households_planned',
  'households_paid',
  'amount_planned',
  'amount_paid',
  'payment_rate',
  'reports',
] as const;
export const indicatorUnits = ['count', 'BIF', 'percent'] as const;
export const activityTypes = ['SENSITISATION_TRAINING', 'BEHAVIOUR_CHANGE', 'MICRO_PROJECT', 'CASH_TRANSFER'] as const;
export const dashboardLevels = ['province', 'commune', 'zone', 'colline'] as const;

const names = {
  type: 'object',
  additionalProperties: false,
  required: ['fr', 'rn', 'en'],
  properties: {
    fr: { type: 'string', minLength: 1, maxLength: 200 },
    rn: { type: 'string', minLength: 1, maxLength: 200 },
    en: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

export const indicatorDashboardQuerySchema = {
  $id: `${ID_BASE}indicator-dashboard-query.json`,
  title: 'IndicatorDashboardQuery',
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: quarter,
    to: quarter,
    area: { ...areaCode, description: 'Default: the whole country (or your area).' },
    level: {
      type: 'string',
      enum: dashboardLevels,
      description: 'Split by this location level (default: one level below the area).',
    },
  },
} as const;

const aggregateProperties = {
  quarter: str,
  location: { type: ['string', 'null'] },
  activityType: { type: ['string', 'null'] },
  reports: num,
  sessions: num,
  householdsAttending: num,
  participantsMen: num,
  participantsWomen: num,
  participantsBatwa: num,
  participantsDisability: num,
  participantsRefugeesReturnees: num,
  householdsPlanned: num,
  householdsPaid: num,
  amountPlanned: num,
  amountPaid: num,
} as const;

const progress = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'target', 'progress'],
  properties: {
    value: nullableNum,
    target: nullableNum,
    progress: { ...nullableNum, description: 'value / target × 100' },
  },
} as const;

export const indicatorDashboardSchema = {
  $id: `${ID_BASE}indicator-dashboard.json`,
  title: 'IndicatorDashboard',
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'quarters', 'area', 'level', 'locations', 'aggregates', 'indicators'],
  properties: {
    from: str,
    to: str,
    quarters: { type: 'array', items: str },
    area: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'name', 'level'],
      properties: { code: str, name: { type: ['string', 'null'] }, level: str },
    },
    level: { type: ['string', 'null'] },
    locations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name'],
        properties: { code: str, name: { type: ['string', 'null'] } },
      },
    },
    aggregates: {
      type: 'array',
      description: 'Validated reports summed by quarter, location and activity type.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: Object.keys(aggregateProperties),
        properties: aggregateProperties,
      },
    },
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'unit', 'measure', 'activityType', 'quarters', 'total'],
        properties: {
          code: str,
          name: names,
          unit: { type: 'string', enum: indicatorUnits },
          measure: str,
          activityType: { type: ['string', 'null'] },
          quarters: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['quarter', 'value', 'target', 'progress'],
              properties: { quarter: str, ...progress.properties },
            },
          },
          total: progress,
        },
      },
    },
  },
} as const;

export const operationsDashboardQuerySchema = {
  $id: `${ID_BASE}operations-dashboard-query.json`,
  title: 'OperationsDashboardQuery',
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: { from: date, to: { ...date, description: 'Last day included.' }, area: areaCode },
} as const;

export const operationsDashboardSchema = {
  $id: `${ID_BASE}operations-dashboard.json`,
  title: 'OperationsDashboard',
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'area', 'submissionsPerDay', 'enumerators', 'reviews', 'grievances'],
  properties: {
    from: str,
    to: str,
    area: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'name'],
      properties: { code: { type: ['string', 'null'] }, name: { type: ['string', 'null'] } },
    },
    submissionsPerDay: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['day', 'formId', 'count'],
        properties: { day: str, formId: str, count: { type: 'integer' } },
      },
    },
    enumerators: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'enumeratorId',
          'username',
          'count',
          'approved',
          'rejected',
          'returned',
          'waiting',
          'needsCorrection',
        ],
        properties: {
          enumeratorId: str,
          username: str,
          count: { type: 'integer' },
          approved: { type: 'integer' },
          rejected: { type: 'integer' },
          returned: { type: 'integer' },
          waiting: { type: 'integer' },
          needsCorrection: { type: 'integer' },
        },
      },
    },
    reviews: {
      type: 'object',
      additionalProperties: false,
      required: ['perDay', 'totals', 'rates', 'delayHours'],
      properties: {
        perDay: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['day', 'approve', 'reject', 'return'],
            properties: {
              day: str,
              approve: { type: 'integer' },
              reject: { type: 'integer' },
              return: { type: 'integer' },
            },
          },
        },
        totals: {
          type: 'object',
          additionalProperties: false,
          required: ['approve', 'reject', 'return', 'total'],
          properties: {
            approve: { type: 'integer' },
            reject: { type: 'integer' },
            return: { type: 'integer' },
            total: { type: 'integer' },
          },
        },
        rates: {
          type: 'object',
          additionalProperties: false,
          required: ['approve', 'reject', 'return'],
          properties: { approve: nullableNum, reject: nullableNum, return: nullableNum },
        },
        delayHours: {
          type: 'object',
          additionalProperties: false,
          required: ['mean', 'p50', 'p90'],
          properties: { mean: nullableNum, p50: nullableNum, p90: nullableNum },
        },
      },
    },
    grievances: {
      description:
        'Null for readers who do not work on grievances. Counts include SENSITIVE categories (numbers only, never the tickets).',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['byCategory', 'byStatus', 'total', 'overdue'],
          properties: {
            byCategory: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['category', 'count', 'overdue'],
                properties: { category: str, count: { type: 'integer' }, overdue: { type: 'integer' } },
              },
            },
            byStatus: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['status', 'count', 'overdue'],
                properties: { status: str, count: { type: 'integer' }, overdue: { type: 'integer' } },
              },
            },
            total: { type: 'integer' },
            overdue: { type: 'integer' },
          },
        },
      ],
    },
  },
} as const;

export const indicatorSchema = {
  $id: `${ID_BASE}indicator.json`,
  title: 'Indicator',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'activityType', 'measure', 'name', 'unit', 'position', 'active', 'updatedAt', 'updatedBy'],
  properties: {
    code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,39}$' },
    activityType: { type: ['string', 'null'], enum: [...activityTypes, null] },
    measure: { type: 'string', enum: indicatorMeasures },
    name: names,
    unit: { type: 'string', enum: indicatorUnits },
    position: { type: 'integer', minimum: 0, maximum: 100000 },
    active: { type: 'boolean' },
    updatedAt: str,
    updatedBy: { type: ['string', 'null'] },
  },
} as const;

export const indicatorSaveRequestSchema = {
  $id: `${ID_BASE}indicator-save-request.json`,
  title: 'IndicatorSaveRequest',
  type: 'object',
  additionalProperties: false,
  required: ['activityType', 'measure', 'name', 'unit', 'position', 'active'],
  properties: {
    activityType: indicatorSchema.properties.activityType,
    measure: indicatorSchema.properties.measure,
    name: names,
    unit: indicatorSchema.properties.unit,
    position: indicatorSchema.properties.position,
    active: { type: 'boolean' },
  },
} as const;

export const indicatorListSchema = {
  $id: `${ID_BASE}indicator-list.json`,
  title: 'IndicatorList',
  type: 'object',
  additionalProperties: false,
  required: ['indicators', 'measures', 'activityTypes', 'units'],
  properties: {
    indicators: { type: 'array', items: { $ref: `${ID_BASE}indicator.json` } },
    measures: { type: 'array', items: str },
    activityTypes: { type: 'array', items: str },
    units: { type: 'array', items: str },
  },
} as const;

export const targetsQuerySchema = {
  $id: `${ID_BASE}targets-query.json`,
  title: 'TargetsQuery',
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: { from: quarter, to: quarter, area: areaCode },
} as const;

const target = {
  type: 'object',
  additionalProperties: false,
  required: ['indicatorCode', 'quarter', 'area', 'target'],
  properties: { indicatorCode: str, quarter, area: areaCode, target: { type: 'number', minimum: 0, maximum: 1e15 } },
} as const;

export const targetListSchema = {
  $id: `${ID_BASE}target-list.json`,
  title: 'TargetList',
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: {
    targets: {
      type: 'array',
      items: {
        ...target,
        required: [...target.required, 'updatedAt', 'updatedBy'],
        properties: { ...target.properties, updatedAt: str, updatedBy: str },
      },
    },
  },
} as const;

export const targetsSaveRequestSchema = {
  $id: `${ID_BASE}targets-save-request.json`,
  title: 'TargetsSaveRequest',
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: {
    targets: {
      type: 'array',
      minItems: 1,
      maxItems: 2000,
      items: {
        ...target,
        properties: { ...target.properties, target: { oneOf: [{ type: 'null' }, target.properties.target] } },
        description: 'target null removes it.',
      },
    },
  },
} as const;
