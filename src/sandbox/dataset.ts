// The sandbox data format: the platform's organizations, users and activities as one JSON
// document. Every row is checked before anything is written; a problem names the row and
// the field.
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isKnownTimeZone } from '../domain/time-zone.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface OrganizationInput {
  id: string;
  name: string;
}

export interface UserInput {
  id: string;
  org_id: string;
  name: string;
  role: 'athlete' | 'coach' | 'admin';
  status: 'active' | 'inactive';
  timezone?: string | null;
}

export interface ActivityInput {
  id: string;
  org_id: string;
  user_id: string;
  name?: string | null;
  type: string;
  sub_type?: string | null;
  status: string;
  start_time: string;
  start_date_local: string;
  distance: number;
  duration: number;
  vdot_load?: number | null;
  nexrex_ete_plus?: number | null;
}

export interface Dataset {
  organizations: OrganizationInput[];
  users: UserInput[];
  activities: ActivityInput[];
}

const id = (prefix: string) => ({ type: 'string', pattern: `^${prefix}_[A-Za-z0-9_-]{1,64}$` });
const nullableNumber = { type: ['number', 'null'], minimum: 0 };

const schemas = {
  organizations: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'name'],
    properties: { id: id('org'), name: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  users: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'org_id', 'name', 'role', 'status'],
    properties: {
      id: id('usr'),
      org_id: id('org'),
      name: { type: 'string', minLength: 1, maxLength: 200 },
      role: { enum: ['athlete', 'coach', 'admin'] },
      status: { enum: ['active', 'inactive'] },
      timezone: { type: ['string', 'null'], maxLength: 64 },
    },
  },
  activities: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'org_id', 'user_id', 'type', 'status', 'start_time', 'start_date_local', 'distance', 'duration'],
    properties: {
      id: id('act'),
      org_id: id('org'),
      user_id: id('usr'),
      name: { type: ['string', 'null'], maxLength: 200 },
      type: { type: 'string', minLength: 1, maxLength: 50 },
      sub_type: { type: ['string', 'null'], pattern: '^[a-z0-9-]{1,50}$' },
      status: { type: 'string', pattern: '^[a-z_]{1,16}$' },
      start_time: { type: 'string', format: 'date-time' },
      start_date_local: { type: 'string', format: 'date' },
      distance: { type: 'number', minimum: 0 },
      duration: { type: 'number', minimum: 0 },
      vdot_load: nullableNumber,
      nexrex_ete_plus: nullableNumber,
    },
  },
} as const;

export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The data was not loaded; nothing was written:\n  - ${problems.slice(0, 50).join('\n  - ')}${problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''}`,
    );
    this.name = 'DatasetError';
  }
}

const ajv = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }));
const validators = {
  organizations: ajv.compile(schemas.organizations),
  users: ajv.compile(schemas.users),
  activities: ajv.compile(schemas.activities),
};

function describe(table: string, index: number, error: ErrorObject): string {
  const field =
    error.keyword === 'required'
      ? (error.params as { missingProperty: string }).missingProperty
      : error.keyword === 'additionalProperties'
        ? (error.params as { additionalProperty: string }).additionalProperty
        : error.instancePath.replace(/^\//, '');
  const message =
    error.keyword === 'additionalProperties'
      ? 'is not a known field'
      : error.keyword === 'enum'
        ? `must be one of ${(error.params as { allowedValues: string[] }).allowedValues.join(', ')}`
        : error.message;
  return `${table}[${index}].${field}: ${message}`;
}

/** Checks the shape of every row; cross-references are checked by the loader. */
export function parseDataset(input: unknown): { dataset: Dataset; problems: string[] } {
  const problems: string[] = [];
  const document = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<
    string,
    unknown
  >;
  if (document !== input) problems.push('the file must hold a JSON object with organizations, users and activities');
  for (const key of Object.keys(document)) {
    if (!(key in validators)) problems.push(`${key}: is not a known table (organizations, users, activities)`);
  }
  const dataset = { organizations: [], users: [], activities: [] } as Dataset;
  for (const table of ['organizations', 'users', 'activities'] as const) {
    const rows = document[table] ?? [];
    if (!Array.isArray(rows)) {
      problems.push(`${table}: must be an array`);
      continue;
    }
    const ids = new Set<string>();
    rows.forEach((row: unknown, index: number) => {
      if (!validators[table](row)) {
        for (const error of validators[table].errors ?? []) problems.push(describe(table, index, error));
        return;
      }
      const { id } = row as { id: string };
      if (ids.has(id)) problems.push(`${table}[${index}].id: ${id} appears twice in the file`);
      ids.add(id);
      if (table === 'users') {
        const timezone = (row as UserInput).timezone;
        if (timezone && !isKnownTimeZone(timezone))
          problems.push(`users[${index}].timezone: ${timezone} is not an IANA time zone`);
      }
    });
    (dataset[table] as unknown[]) = rows;
  }
  return { dataset, problems };
}
