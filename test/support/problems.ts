// Assertions on the problem+json a refused request answers (src/http/problem.ts renders it):
// a test of a refusal checks which input was refused, not only the status.
import { expect } from 'chai';
import type supertest from 'supertest';

/** The JSON pointers a problem's `errors[]` names, in its order. */
export const errorPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path);

/** A 400 `validation_error` problem whose `errors[]` names exactly `paths`. */
export function expectValidationError(response: supertest.Response, paths: string[], label = ''): void {
  expect(response.status, `${label} ${response.text}`).to.equal(400);
  expect(response.headers['content-type'], label).to.match(/^application\/problem\+json/);
  expect(response.body.code, label).to.equal('validation_error');
  expect(errorPaths(response.body), label).to.deep.equal(paths);
}
