// fast-check arbitraries for requests to every operation of openapi.yaml, built by walking
// each operation's parameters and request body schema. Generated values are symbolic where
// they depend on what the server answered earlier (group ids, page tokens), so a seed
// replays the same attack against a fresh database.
import fc from 'fast-check';
import {
  anyDate,
  hostileNumberTexts,
  hostileText,
  hostileTimeZone,
  impossibleDates,
  recentDate,
  wrongTypes,
} from './hostile-values.js';
import { operations, refName, resolveSchema, type Operation, type Parameter, type Schema } from './spec-model.js';

export const validCallers = [
  'coach',
  'admin',
  'owner',
  'member',
  'otherAthlete',
  'otherOrgCoach',
  'otherOrgAdmin',
] as const;
export const invalidCallers = [
  'noToken',
  'garbage',
  'expired',
  'otherKey',
  'algNone',
  'numericSub',
  'inactive',
] as const;
export type CallerName = (typeof validCallers)[number] | (typeof invalidCallers)[number];

/**
 * The path's id: a group or webhook endpoint the fuzz world knows (index into its list,
 * wrapping), or a raw path value (for an endpoint, its `grp_` prefix becomes `whe_`).
 */
export type GroupRef = { known: number } | { raw: string };
export type Tamper = 'asIs' | 'flip' | 'truncate' | 'extraPart' | 'forged';
/** A query value: text, repeated text, or a page token the server issued earlier. */
export type QueryValue = string | string[] | { token: number; tamper: Tamper };

export type BodySpec =
  | { kind: 'json'; value: unknown; contentType?: string }
  | { kind: 'raw'; text: string; contentType?: string; mayBeValid?: true }
  | { kind: 'corruptGzip' }
  | { kind: 'none' }
  | { kind: 'hugeMembers'; count: number; distinct: boolean };

/** Off-spec variants of a request: another method, other letter case, headers over 16 kB. */
export type Variant = 'HEAD' | 'PATCH' | 'upperCasePath' | 'hugeHeader';

export interface FuzzRequest {
  operationId: string;
  caller: CallerName;
  group?: GroupRef;
  query: [string, QueryValue][];
  body?: BodySpec;
  /** Sends the request again exactly as an earlier one whose answer carried a page token. */
  replayToken?: number;
  variant?: Variant;
}

/** Values that depend on the world: user ids of the fuzz organization and the caller. */
export interface Hints {
  userIds: string[];
  orgIds: string[];
}

const SELF = '@self';

const groupIdPattern = /^grp_[A-Za-z0-9_-]{1,64}$/;

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = (schema.maxLength as number | undefined) ?? 40;
  if (schema.format === 'date') return fc.oneof(recentDate, anyDate);
  if (typeof schema.pattern === 'string')
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((text) => [...text].length >= minLength && [...text].length <= maxLength);
  return fc.string({ minLength, maxLength: Math.min(maxLength, 40), unit: 'grapheme' });
}

/** Values the schema accepts, with the world's own ids where the schema names an id type. */
export function validValue(schema: Schema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  const ref = refName(schema);
  if (ref === 'UserId')
    return fc.oneof(fc.constantFrom(...hints.userIds, SELF), fc.stringMatching(/^usr_[A-Za-z0-9_-]{1,12}$/));
  if (ref === 'OrganizationId') return fc.constantFrom(...hints.orgIds);
  if (ref === 'GroupName')
    return fc.oneof(
      fc.nat(99_999).map((n) => `Fuzz ${n}`),
      hostileText,
    );
  if (ref === 'TimeZone') return hostileTimeZone;
  if (name === 'from_ts' || name === 'to_ts')
    return fc.integer({ min: -400, max: 10 }).map((days) => Math.floor(Date.now() / 1000) + days * 86_400);
  const resolved = resolveSchema(schema);
  if (Array.isArray(resolved.enum)) return fc.constantFrom(...(resolved.enum as unknown[]));
  if (Array.isArray(resolved.type))
    return fc.oneof(...(resolved.type as string[]).map((type) => validValue({ ...resolved, type }, hints, name)));
  switch (resolved.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringFor(resolved);
    case 'integer':
      return fc
        .bigInt({
          min: BigInt((resolved.minimum as number | undefined) ?? -(2 ** 31)),
          max: BigInt((resolved.maximum as number | undefined) ?? 2 ** 31),
        })
        .map(Number);
    case 'number':
      return fc.double({ min: (resolved.minimum as number | undefined) ?? -1e6, max: 1e6, noNaN: true });
    case 'array': {
      const items = validValue(resolved.items as Schema, hints);
      const constraints = { maxLength: Math.min((resolved.maxItems as number | undefined) ?? 4, 4) };
      return resolved.uniqueItems ? fc.uniqueArray(items, constraints) : fc.array(items, constraints);
    }
    case 'object': {
      const properties = (resolved.properties as Record<string, Schema> | undefined) ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, inner]) => [key, validValue(inner, hints, key)])),
        { requiredKeys: (resolved.required as string[] | undefined) ?? [] },
      );
      const minProperties = (resolved.minProperties as number | undefined) ?? 0;
      return record.filter((value) => Object.keys(value).length >= minProperties);
    }
    default:
      return fc.anything();
  }
}

/** Values the schema very likely refuses: wrong types, hostile text, boundaries. */
export function hostileValue(schema: Schema): fc.Arbitrary<unknown> {
  const resolved = resolveSchema(schema);
  const type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type;
  const specific: fc.Arbitrary<unknown>[] = [];
  if (type === 'string') specific.push(hostileText, fc.constantFrom(...impossibleDates));
  if (type === 'integer' || type === 'number')
    specific.push(
      fc.constantFrom(
        ((resolved.minimum as number | undefined) ?? 0) - 1,
        ((resolved.maximum as number | undefined) ?? 1e6) + 1,
        0.5,
        -1e308,
        1e308,
      ),
    );
  if (type === 'array') {
    specific.push(
      fc.array(hostileValue(resolved.items as Schema), { minLength: 1, maxLength: 3 }),
      fc.constantFrom(['usr_dup', 'usr_dup'], [SELF, SELF]),
    );
  }
  return fc.oneof(wrongTypes, ...specific);
}

function queryValue(parameter: Parameter, hints: Hints, mode: Mode): fc.Arbitrary<QueryValue> {
  const { schema, name } = parameter;
  const resolved = resolveSchema(schema);
  const numeric = resolved.type === 'integer' || resolved.type === 'number';
  const valid = validValue(schema, hints, name).map((value) => String(value));
  if (mode === 'valid')
    return refName(schema) === 'PageToken'
      ? fc.record({ token: fc.nat(), tamper: fc.constant<Tamper>('asIs') })
      : valid;
  const hostile: fc.Arbitrary<QueryValue>[] = [
    numeric ? fc.constantFrom(...hostileNumberTexts) : hostileText,
    fc.array(valid, { minLength: 2, maxLength: 3 }),
  ];
  if (resolved.format === 'date') hostile.push(fc.constantFrom(...impossibleDates));
  if (Array.isArray(resolved.enum))
    hostile.push(fc.constantFrom(...(resolved.enum as string[])).map((value) => value.toUpperCase()));
  if (refName(schema) === 'PageToken') {
    return fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          token: fc.nat(),
          tamper: fc.constantFrom<Tamper>('asIs', 'flip', 'truncate', 'extraPart', 'forged'),
        }),
      },
      { weight: 1, arbitrary: valid },
      { weight: 1, arbitrary: fc.oneof(...hostile) },
    );
  }
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: fc.oneof(...hostile) });
}

const knownGroup: fc.Arbitrary<GroupRef> = fc.record({ known: fc.nat() });
const groupRef: fc.Arbitrary<GroupRef> = fc.oneof(
  { weight: 8, arbitrary: knownGroup },
  { weight: 1, arbitrary: fc.stringMatching(groupIdPattern).map((raw) => ({ raw })) },
  { weight: 2, arbitrary: hostileText.map((raw) => ({ raw: `grp_${raw}` })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('GRP_abc', 'grp_' + 'a'.repeat(65), '..', '%2e%2e', "grp_' OR 1=1 --")
      .map((raw) => ({ raw })),
  },
);

function bodyFor(operation: Operation, hints: Hints): fc.Arbitrary<BodySpec> {
  const schema = operation.body!.schema;
  const resolved = resolveSchema(schema);
  const properties = Object.keys((resolved.properties as Record<string, Schema> | undefined) ?? {});
  const valid = validValue(schema, hints) as fc.Arbitrary<Record<string, unknown>>;
  const mutated = fc
    .tuple(
      valid,
      fc.constantFrom(...properties),
      fc.oneof(hostileValue((resolved.properties as Record<string, Schema>)[properties[0]!]!), wrongTypes, hostileText),
    )
    .map(([value, key, replacement]) => ({ ...value, [key]: replacement }));
  const missing = fc
    .tuple(valid, fc.constantFrom(...properties))
    .map(([value, key]) => Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)));
  const extra = fc
    .tuple(valid, fc.constantFrom('id', 'owner_id', 'organization_id', '__proto__', 'constructor', 'Name', 'members '))
    .map(([value, key]) => JSON.parse(JSON.stringify(value).replace(/^\{/, `{${JSON.stringify(key)}:"x",`)));
  const json = (value: fc.Arbitrary<unknown>) => value.map((inner): BodySpec => ({ kind: 'json', value: inner }));
  return fc.oneof(
    { weight: 6, arbitrary: json(valid) },
    { weight: 3, arbitrary: json(mutated) },
    { weight: 1, arbitrary: json(missing) },
    { weight: 1, arbitrary: json(extra) },
    { weight: 1, arbitrary: json(wrongTypes) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        valid.map((value): BodySpec => {
          // The same key twice: a strict API refuses it rather than take the last value.
          const [key, inner] = Object.entries(value)[0] ?? ['name', 'x'];
          return {
            kind: 'raw',
            text: JSON.stringify(value).replace(
              /^\{/,
              `{${JSON.stringify(key)}:${JSON.stringify(inner === 'x' ? 'y' : 'x')},`,
            ),
          };
        }),
        fc.constantFrom<BodySpec>(
          { kind: 'raw', text: '{"name":' },
          { kind: 'raw', text: '' },
          { kind: 'raw', text: 'null' },
          { kind: 'raw', text: '{"name":"a"}garbage' },
          { kind: 'raw', text: '{"name":"\\ud800"}', mayBeValid: true },
          { kind: 'raw', text: '{"name":"a","user_id":"usr_x"}', contentType: 'text/plain' },
          { kind: 'raw', text: '{"name":"a","user_id":"usr_x"}', contentType: 'application/x-www-form-urlencoded' },
          { kind: 'raw', text: '{"name":"a","user_id":"usr_x"}', contentType: 'application/json; charset=utf-16' },
          { kind: 'corruptGzip' },
          { kind: 'none' },
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('hugeMembers' as const),
        count: fc.integer({ min: 1001, max: 22_000 }),
        distinct: fc.boolean(),
      }),
    },
  );
}

/** `valid`: every input as the spec describes it (ids of the world); `hostile`: anything goes. */
export type Mode = 'valid' | 'hostile';

export function requestFor(operation: Operation, hints: Hints, mode: Mode): fc.Arbitrary<FuzzRequest> {
  const hostile = mode === 'hostile';
  const caller = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...validCallers) },
    { weight: hostile ? 1 : 0, arbitrary: fc.constantFrom(...invalidCallers) },
  );
  const pathParameter = operation.parameters.some((parameter) => parameter.in === 'path');
  const rarely = <T>(arbitrary: fc.Arbitrary<T>, weight: number) =>
    fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
  const query = fc
    .tuple(
      ...operation.parameters
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) =>
          // from_ts and to_ts belong to range=custom only: mostly absent, so that presets answer 200.
          rarely(queryValue(parameter, hints, mode), parameter.name.endsWith('_ts') ? 3 : 1).map(
            (value) => [parameter.name, value] as const,
          ),
        ),
      hostile
        ? rarely(fc.tuple(fc.constantFrom('pageSize', 'LIMIT', 'foo', '__proto__', 'timezone[]'), fc.constant('1')), 25)
        : fc.constant(undefined),
    )
    .map((pairs) => pairs.filter((pair): pair is [string, QueryValue] => pair !== undefined && pair[1] !== undefined));
  return fc
    .record({
      caller,
      group: pathParameter ? (hostile ? groupRef : knownGroup) : fc.constant(undefined),
      query,
      body: operation.body
        ? hostile
          ? bodyFor(operation, hints)
          : validValue(operation.body.schema, hints).map((value): BodySpec => ({ kind: 'json', value }))
        : fc.constant(undefined),
      variant: hostile
        ? rarely(fc.constantFrom<Variant>('HEAD', 'PATCH', 'upperCasePath', 'hugeHeader'), 20)
        : fc.constant(undefined),
    })
    .map((request): FuzzRequest => {
      const made: FuzzRequest = { operationId: operation.operationId, caller: request.caller, query: request.query };
      if (request.group) made.group = request.group;
      // HEAD carries no body (Node's parser would refuse the request before the app sees it).
      if (request.body && request.variant !== 'HEAD') made.body = request.body;
      if (request.variant) made.variant = request.variant;
      return made;
    });
}

// Deletes are rarer than the rest, so that groups live long enough to be read.
const weighted = (operation: Operation, hints: Hints, mode: Mode) => ({
  weight: operation.method === 'delete' ? 1 : 4,
  arbitrary: requestFor(operation, hints, mode),
});

/** A request to any operation, or the replay of a request that was handed a page token. */
export function anyRequest(hints: Hints): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.oneof(...operations.map((operation) => weighted(operation, hints, 'valid'))) },
    { weight: 10, arbitrary: fc.oneof(...operations.map((operation) => weighted(operation, hints, 'hostile'))) },
    {
      weight: 1,
      arbitrary: fc
        .nat()
        .map((index): FuzzRequest => ({ operationId: 'replay', caller: 'coach', query: [], replayToken: index })),
    },
  );
}

export const selfPlaceholder = SELF;
