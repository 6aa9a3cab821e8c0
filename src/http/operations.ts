// One handler per operationId of openapi.yaml, typed from the generated `operations`.
// A handler receives validated input (header parameters too, by their spec names) and returns
// the 200 body, or an `Answer` with response headers; the router sends it and routes every
// failure to the one error renderer.
import type { Express, Request, RequestHandler } from 'express';
import type { Caller } from '../domain/caller.js';
import type { operations, webhooks } from '../generated/openapi.js';
import type { Logger } from '../logger.js';
import { listOperations, toExpressPath, type OpenApiDocument, type OperationObject } from '../spec.js';

/** What the service sends (openapi.yaml `webhooks`) rather than serves. */
type WebhookOperation = webhooks[keyof webhooks]['post'];

/** The operations the service serves: the spec's paths, not its webhooks. */
export type OperationId = {
  [K in keyof operations]: operations[K] extends WebhookOperation ? never : K;
}[keyof operations];

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type RequestBody<K extends OperationId> = operations[K] extends { requestBody: infer Body }
  ? JsonContent<Body>
  : undefined;
export type SuccessBody<K extends OperationId> = JsonContent<operations[K]['responses'][200]>;
export type PathParams<K extends OperationId> = operations[K]['parameters']['path'];
export type QueryParams<K extends OperationId> = NonNullable<operations[K]['parameters']['query']>;
export type HeaderParams<K extends OperationId> = NonNullable<operations[K]['parameters']['header']>;

/** A 200 body with response headers the spec declares for it (`ETag`, say). */
export class Answer<Body> {
  constructor(
    readonly body: Body,
    readonly headers: Record<string, string>,
  ) {}
}

/**
 * A 200 body already written as UTF-8 JSON, for answers too large to build as objects first (a
 * big group's stats: megabytes of member-days). `Body` is the type the JSON spells; the
 * response validator, where it runs, checks the parsed JSON, and the production-configured
 * fuzzer checks it against openapi.yaml.
 */
export class SerializedBody<Body> {
  declare private readonly body?: Body;
  constructor(readonly json: Buffer) {}
}

export interface OperationInput<K extends OperationId> {
  path: PathParams<K>;
  query: QueryParams<K>;
  headers: HeaderParams<K>;
  body: RequestBody<K>;
  caller: Caller;
  requestId: string;
  log: Logger;
}

export type OperationHandler<K extends OperationId> = (
  input: OperationInput<K>,
) => Promise<SuccessBody<K> | Answer<SuccessBody<K>> | SerializedBody<SuccessBody<K>>>;
export type OperationHandlers = { [K in OperationId]: OperationHandler<K> };

export class MissingHandlerError extends Error {
  constructor(problems: string[]) {
    super(`The handlers do not match openapi.yaml:\n  - ${problems.join('\n  - ')}`);
    this.name = 'MissingHandlerError';
  }
}

interface ParameterObject {
  $ref?: string;
  name?: string;
  in?: string;
}

/** The names of an operation's header parameters (as the spec spells them), `$ref`s resolved. */
function headerParameterNames(spec: OpenApiDocument, operation: OperationObject): string[] {
  const parameters = ((operation as { parameters?: ParameterObject[] }).parameters ?? []).map((parameter) => {
    const ref = parameter.$ref?.match(/^#\/components\/parameters\/(.+)$/)?.[1];
    const components = (spec.components as { parameters?: Record<string, ParameterObject> } | undefined)?.parameters;
    return ref ? (components?.[ref] ?? {}) : parameter;
  });
  return parameters.filter((parameter) => parameter.in === 'header' && parameter.name).map(({ name }) => name!);
}

export interface OperationOptions {
  /** Whether responses are validated: a serialized body is then parsed for the validator to see. */
  validatesResponses: boolean;
}

function adapt<K extends OperationId>(
  handler: OperationHandler<K>,
  headerNames: string[],
  options: OperationOptions,
): RequestHandler {
  return async (req: Request, res) => {
    const headers: Record<string, string> = {};
    for (const name of headerNames) {
      const value = req.get(name);
      if (value !== undefined) headers[name] = value;
    }
    const result = await handler({
      path: req.params as PathParams<K>,
      query: req.query,
      headers: headers,
      body: req.body as RequestBody<K>,
      caller: req.caller!,
      requestId: req.id,
      log: req.log,
    });
    if (result instanceof Answer) {
      res.set(result.headers);
      res.status(200).json(result.body);
    } else if (result instanceof SerializedBody) {
      if (options.validatesResponses) res.status(200).json(JSON.parse(result.json.toString('utf8')));
      else res.status(200).set('Content-Type', 'application/json; charset=utf-8').send(result.json);
    } else {
      res.status(200).json(result);
    }
  };
}

/** Routes every operation of the spec to its handler; refuses a spec operation without one. */
export function registerOperations(
  app: Express,
  spec: OpenApiDocument,
  handlers: Partial<OperationHandlers>,
  options: OperationOptions,
): void {
  const operations = listOperations(spec);
  const problems: string[] = [];
  for (const { method, path, operation } of operations) {
    if (!(operation.operationId in handlers))
      problems.push(`no handler for ${operation.operationId} (${method.toUpperCase()} ${path})`);
    if ((operation.security ?? spec.security ?? []).length === 0)
      problems.push(`${operation.operationId} is not secured; every operation must require a bearer token`);
  }
  const specified = new Set(operations.map(({ operation }) => operation.operationId));
  for (const operationId of Object.keys(handlers)) {
    if (!specified.has(operationId)) problems.push(`handler ${operationId} matches no operation in openapi.yaml`);
  }
  if (problems.length > 0) throw new MissingHandlerError(problems);

  for (const { method, path, operation } of operations) {
    const handler = handlers[operation.operationId as OperationId] as OperationHandler<OperationId>;
    app[method](toExpressPath(path), adapt(handler, headerParameterNames(spec, operation), options));
  }
}

/** The request validator fills in a parameter's spec default, so such a parameter is always present. */
export function defaulted<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('The request validator did not apply a parameter default.');
  return value;
}
