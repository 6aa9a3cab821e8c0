// The domain refuses inputs by name (`from_ts`, `members`: src/errors.ts invalidInput); a
// problem's `errors[].path` says where the request carried each one. Where is the operation's
// business in openapi.yaml: a declared parameter is `/<in>/<name>` (`/query/from_ts`), anything
// else a body property (`/body/members`), the validator's own form for the same fields.
import { listOperations, type OpenApiDocument, type OperationMatcher } from '../spec.js';
import { AppError, type FieldError } from '../errors.js';

interface ParameterObject {
  $ref?: string;
  name?: string;
  in?: string;
}

export type FieldPointers = (method: string, path: string, error: AppError) => AppError;

export function fieldPointers(spec: OpenApiDocument, matchOperation: OperationMatcher): FieldPointers {
  const components = (spec.components as { parameters?: Record<string, ParameterObject> } | undefined)?.parameters;
  const resolve = (parameter: ParameterObject) =>
    parameter.$ref ? components?.[parameter.$ref.replace('#/components/parameters/', '')] : parameter;
  const locations = new Map<string, Map<string, string>>();
  for (const { path, operation } of listOperations(spec)) {
    const declared = [
      ...((spec.paths[path] as { parameters?: ParameterObject[] }).parameters ?? []),
      ...((operation as { parameters?: ParameterObject[] }).parameters ?? []),
    ];
    const byName = new Map<string, string>();
    for (const parameter of declared.map(resolve)) {
      if (parameter?.name && parameter.in) byName.set(parameter.name, parameter.in);
    }
    locations.set(operation.operationId, byName);
  }

  return (method, path, error) => {
    if (!error.invalidFields) return error;
    const operationId = matchOperation(method === 'HEAD' ? 'GET' : method, path)?.operationId;
    const declared = (operationId && locations.get(operationId)) || new Map<string, string>();
    const errors: FieldError[] = error.invalidFields.map(({ field, message }) => ({
      path: `/${declared.get(field) ?? 'body'}/${field}`,
      message,
    }));
    return new AppError(error.status, error.code, error.title, error.message, errors, {
      cause: error.cause,
      headers: error.headers,
    });
  };
}
