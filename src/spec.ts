// openapi.yaml, read once: the validator, the router and the docs all serve this document.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

export const specPath = new URL('../openapi.yaml', import.meta.url);
/** Built by `npm run docs` (redocly build-docs). */
export const docsPath = new URL('../dist/docs/index.html', import.meta.url);

export interface OperationObject {
  operationId: string;
  security?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  security?: unknown[];
  paths: Record<string, Record<string, OperationObject | unknown>>;
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** Parsed with js-yaml: the `yaml` package took ~0.5 s of a cold start on this 45 kB spec, js-yaml ~0.05 s. */
export function loadSpec(): OpenApiDocument {
  return load(readFileSync(specPath, 'utf8')) as OpenApiDocument;
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
