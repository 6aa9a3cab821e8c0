// openapi.yaml, read once: the validator, the router and the docs all serve this document.
import { existsSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';

/** The folder of the nearest package.json: the same from src/ (tsx) and from compiled dist/src/. */
function packageRoot(from: URL): URL {
  for (let folder = new URL('./', from); ; folder = new URL('../', folder)) {
    if (existsSync(new URL('package.json', folder))) return folder;
    if (folder.pathname === '/') throw new Error(`No package.json above ${from.pathname}`);
  }
}

const root = packageRoot(new URL(import.meta.url));
export const specPath = new URL('openapi.yaml', root);
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

/** Parsed with js-yaml: the `yaml` package took ~0.5 s of a cold start on this 45 kB spec, js-yaml ~0.05 s. */
export function loadSpec(): OpenApiDocument {
  return load(readFileSync(specPath, 'utf8')) as OpenApiDocument;
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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type OperationMatcher = (method: string, path: string) => string | undefined;

/** Finds the operationId of a request from the spec's path templates, before any validation ran. */
export function operationMatcher(spec: OpenApiDocument): OperationMatcher {
  const routes = listOperations(spec).map(({ method, path, operation }) => ({
    method: method.toUpperCase(),
    pattern: new RegExp(
      `^${path
        .split(/\{[^}]+\}/)
        .map(escapeRegExp)
        .join('[^/]+')}$`,
    ),
    operationId: operation.operationId,
  }));
  return (method, path) => routes.find((route) => route.method === method && route.pattern.test(path))?.operationId;
}
