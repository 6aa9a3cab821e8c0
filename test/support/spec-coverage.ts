// Records which (operationId, status) pairs the suite's requests produced. The root hook
// writes them to TEST_COVERAGE_FILE; test/run-suites.mjs compares them with openapi.yaml.
import { writeFileSync } from 'node:fs';
import type { CompletedRequest } from '../../src/http/request-context.js';

const produced = new Set<string>();

export function recordResponse(request: CompletedRequest): void {
  if (request.operationId) produced.add(`${request.operationId} ${request.status}`);
}

export function writeSpecCoverage(): void {
  if (process.env.TEST_COVERAGE_FILE)
    writeFileSync(process.env.TEST_COVERAGE_FILE, JSON.stringify([...produced].sort()));
}
