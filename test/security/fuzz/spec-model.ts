// openapi.yaml as the fuzzer reads it: every operation with its parameters, request body
// schema and documented responses, and Ajv validators compiled from the document itself, so
// the test judges the service's answers by the spec and not by the service's own validator.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadSpec } from '../../../src/spec.js';

export type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  parameters: Parameter[];
  /** The JSON request body schema, when the operation takes one. */
  body?: { required: boolean; schema: Schema };
  /** Documented status → content type → schema. */
  responses: Record<string, Record<string, Schema>>;
}

export const spec = loadSpec() as unknown as {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

/** Follows a local `$ref` (parameters, responses); schemas keep theirs for Ajv. */
export function deref<T>(value: unknown): T {
  let current = value as { $ref?: string };
  while (current && typeof current.$ref === 'string') {
    const [, kind, name] = current.$ref.replace(/^#\//, '').split('/');
    current = spec.components[kind!]![name!] as { $ref?: string };
  }
  return current as T;
}

/** The schema a `$ref` names, or the schema itself. */
export function resolveSchema(schema: Schema): Schema {
  return deref<Schema>(schema);
}

/** The last segment of a schema `$ref` (`UserId`, `PageToken`, …), if it is one. */
export function refName(schema: Schema): string | undefined {
  return typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
}

const methods = ['get', 'post', 'put', 'delete'] as const;

export const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, item]) => {
  const shared = (item.parameters as unknown[] | undefined) ?? [];
  return methods.flatMap((method) => {
    const operation = item[method] as Record<string, unknown> | undefined;
    if (!operation) return [];
    const parameters = [...shared, ...((operation.parameters as unknown[] | undefined) ?? [])].map((raw) => {
      const parameter = deref<Parameter>(raw);
      return { ...parameter, required: parameter.required ?? false };
    });
    const requestBody = deref<{ required?: boolean; content: Record<string, { schema: Schema }> } | undefined>(
      operation.requestBody,
    );
    const responses = Object.fromEntries(
      Object.entries(operation.responses as Record<string, unknown>).map(([status, raw]) => {
        const response = deref<{ content?: Record<string, { schema: Schema }> }>(raw);
        return [
          status,
          Object.fromEntries(Object.entries(response.content ?? {}).map(([type, media]) => [type, media.schema])),
        ];
      }),
    );
    return [
      {
        operationId: operation.operationId as string,
        method,
        path,
        parameters,
        ...(requestBody
          ? {
              body: {
                required: requestBody.required ?? false,
                schema: requestBody.content['application/json']!.schema,
              },
            }
          : {}),
        responses,
      },
    ];
  });
});

export const operationById = new Map(operations.map((operation) => [operation.operationId, operation]));

// One Ajv holding the whole document under the id `openapi`: a schema taken from anywhere in
// it is compiled with its local `#/components/...` references pointed there.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv, { mode: 'full' });
ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isSafeInteger(value) });
ajv.addSchema(spec, 'openapi');

function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? `openapi${inner}` : rebase(inner),
      ]),
    );
  }
  return value;
}

const compiled = new Map<Schema, ValidateFunction>();

export function validatorFor(schema: Schema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(rebase(schema) as Schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Ajv's verdict on a value against a schema of the spec: null when valid, else its errors. */
export function schemaErrors(schema: Schema, value: unknown): string | null {
  const validate = validatorFor(schema);
  if (validate(value)) return null;
  return ajv.errorsText(validate.errors, { dataVar: '' }).slice(0, 500);
}
