// openapi.yaml, read once: the validator, the router and the docs all serve this document.
import { existsSync, readFileSync } from 'node:fs';
import { match } from 'path-to-regexp';

/** The folder of the nearest package.json: the same from src/ (tsx) and from compiled dist/src/. */
function packageRoot(from: URL): URL {
  for (let folder = new URL('./', from); ; folder = new URL('../', folder)) {
    if (existsSync(new URL('package.json', folder))) return folder;
    if (folder.pathname === '/') throw new Error(`No package.json above ${from.pathname}`);
  }
}

const root = packageRoot(new URL(import.meta.url));
export const specPath = new URL('openapi.yaml', root);
/**
 * openapi.yaml as JSON, written by `npm run codegen` (drift checked in CI like the types) beside
 * this module: src/generated/, and dist/src/generated/ where `npm run build` copies it.
 */
export const specDocumentPath = new URL('./generated/openapi.json', import.meta.url);
/** Built by `npm run docs` (redocly build-docs), part of `npm run build`. */
export const docsPath = new URL('dist/docs/index.html', root);

export interface OperationObject {
  operationId: string;
  security?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  security?: unknown[];
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, { pattern?: string }> };
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/**
 * openapi.yaml as codegen wrote it to JSON: the server parses no YAML when it starts (the
 * `yaml` package took 350-600 ms of a cold start on this spec; JSON.parse takes about 1 ms).
 */
export function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(specDocumentPath, 'utf8')) as OpenApiDocument;
}

/** The spec's user id pattern: what a token's `sub` must look like. */
export function userIdPattern(spec: OpenApiDocument): RegExp {
  const pattern = spec.components?.schemas?.UserId?.pattern;
  if (!pattern) throw new Error('openapi.yaml defines no components.schemas.UserId.pattern.');
  return new RegExp(pattern, 'u');
}

export interface SpecOperation {
  method: HttpMethod;
  path: string;
  operation: OperationObject;
}

export function listOperations(spec: OpenApiDocument): SpecOperation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    httpMethods.flatMap((method) => {
      const operation = item[method] as OperationObject | undefined;
      return operation ? [{ method, path, operation }] : [];
    }),
  );
}

/** A spec path template as Express routes it: `/groups/{group_id}` → `/groups/:group_id`. */
export function toExpressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

export interface MatchedOperation {
  operationId: string;
  /** Path parameters as they appear in the path (not percent-decoded). */
  params: Record<string, string>;
}

export type OperationMatcher = (method: string, path: string) => MatchedOperation | undefined;

/**
 * The one way a request path maps to its operation: path-to-regexp, which Express's router runs
 * for the routes registerOperations adds, on the same templates, with the app's routing
 * settings (case-sensitive, strict: no trailing slash). It answers before the router and the
 * validator have run, for logs, metrics, spans and the 404 of an unknown path.
 */
export function operationMatcher(spec: OpenApiDocument): OperationMatcher {
  const routes = listOperations(spec).map(({ method, path, operation }) => ({
    method: method.toUpperCase(),
    match: match<Record<string, string>>(toExpressPath(path), { sensitive: true, trailing: false, decode: false }),
    operationId: operation.operationId,
  }));
  return (method, path) => {
    for (const route of routes) {
      const found = route.method === method && route.match(path);
      if (found) return { operationId: route.operationId, params: found.params };
    }
    return undefined;
  };
}
