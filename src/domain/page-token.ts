// Opaque, signed pagination cursors. A token carries the position after the last item of a
// page and is bound to the request it came from (operation and filters), so a forged,
// altered or re-targeted token is a 400, never a 500 or another tenant's data.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidInput } from '../errors.js';

export interface PageTokens {
  issue(scope: string, position: unknown): string;
  /** The position a token carries; `field` names the query parameter that brought it, for the 400. */
  read<Position>(scope: string, token: string, field?: string): Position;
}

export function createPageTokens(secret: string): PageTokens {
  const sign = (scope: string, payload: string) =>
    createHmac('sha256', secret).update(scope).update('\n').update(payload).digest();
  const invalid = (field: string) =>
    invalidInput(`${field} is not a token this request issued.`, [
      { field, message: 'is invalid or belongs to another request' },
    ]);

  return {
    issue(scope, position) {
      const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
      return `${payload}.${sign(scope, payload).toString('base64url')}`;
    },
    read<Position>(scope: string, token: string, field = 'page_token'): Position {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) throw invalid(field);
      const expected = sign(scope, payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid(field);
      try {
        // The signature proves this service issued the payload, so it has the shape it was given.
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Position;
      } catch {
        throw invalid(field);
      }
    },
  };
}
