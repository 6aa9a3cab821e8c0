// Ajv coerces `Infinity`, `-Infinity` and overflowing numerals such as `1e309` in the query
// string to non-finite numbers that pass `type: integer` and even `minimum`/`maximum`
// (ajv-validator/ajv#2212). Runs after the validator, on the values it coerced.
import type { RequestHandler } from 'express';
import { validationError } from '../errors.js';

export const refuseNonFiniteNumbers: RequestHandler = (req, _res, next) => {
  const query = req.query as Record<string, unknown>;
  const errors = Object.entries(query)
    .filter(([, value]) => typeof value === 'number' && !Number.isFinite(value))
    .map(([name]) => ({ path: `/query/${name}`, message: 'must be a finite number' }));
  if (errors.length > 0)
    throw validationError(`The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, errors);
  next();
};
