// In a URL's query a `+` means a space (application/x-www-form-urlencoded), so a time zone
// such as `Etc/GMT+5` sent unencoded arrives as `Etc/GMT 5` and fails the name's pattern.
// No time zone name holds a space: when the refused value has one, the answer says to encode
// the `+` as %2B instead of only that the value does not match.
import type { Request } from 'express';
import { AppError, validationError } from '../errors.js';

const timeZoneField = '/query/timezone';
// The TimeZone pattern of openapi.yaml with the space added: only such a value is echoed back.
const nameWithSpaces = /^[A-Za-z0-9_+/ -]{1,64}$/;

export function explainUnencodedPlus(error: AppError, query: Request['query']): AppError {
  const value = query.timezone;
  if (error.code !== 'validation_error' || typeof value !== 'string' || !value.includes(' ')) return error;
  if (!nameWithSpaces.test(value)) return error;
  const field = error.errors?.find((fieldError) => fieldError.path === timeZoneField);
  if (!field) return error;
  const encoded = value.replaceAll(' ', '%2B');
  return validationError(
    `The time zone "${value}" has a space: a "+" in a query string means a space, so send "+" encoded as %2B (timezone=${encoded}).`,
    error.errors!.map((fieldError) =>
      fieldError === field
        ? { path: timeZoneField, message: `must be an IANA time zone name; encode "+" as %2B (${encoded})` }
        : fieldError,
    ),
  );
}
