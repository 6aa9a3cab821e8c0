// Turns `Authorization: Bearer <JWT>` into the caller (src/domain/caller.ts).
import type { RequestHandler } from 'express';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { Database } from '../data/database.js';
import { findActiveCaller } from '../domain/caller.js';
import { unauthorized } from '../errors.js';

const bearer = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

export function authenticate(verifyToken: TokenVerifier, db: Database): RequestHandler {
  return async (req, _res, next) => {
    const header =
      req.get('authorization') ??
      // Stryker disable next-line StringLiteral: a default that is no Bearer credential and does not start with `bearer` reads as no header, as '' does
      '';
    const match = bearer.exec(header);
    if (!match) throw unauthorized(undefined, /^bearer\b/i.test(header));
    const userId = await verifyToken(match[1]!);
    const caller = await findActiveCaller(db, userId);
    if (!caller) throw unauthorized();
    req.caller = caller;
    next();
  };
}
