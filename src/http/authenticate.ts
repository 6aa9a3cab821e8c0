// Turns `Authorization: Bearer <JWT>` into the caller. The user's organization, role, status
// and timezone come from the database on every request, never from token claims.
import type { RequestHandler } from 'express';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { Database } from '../data/database.js';
import { findUserById } from '../data/users-repository.js';
import type { Role } from '../domain/caller.js';
import { unauthorized } from '../errors.js';

const bearer = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;
const roles: readonly string[] = ['athlete', 'coach', 'admin'] satisfies Role[];

export function authenticate(verifyToken: TokenVerifier, db: Database): RequestHandler {
  return async (req, _res, next) => {
    const header =
      req.get('authorization') ??
      // Stryker disable next-line StringLiteral: a default that is no Bearer credential and does not start with `bearer` reads as no header, as '' does
      '';
    const match = bearer.exec(header);
    if (!match) throw unauthorized(undefined, /^bearer\b/i.test(header));
    const userId = await verifyToken(match[1]!);
    const user = await findUserById(db, userId);
    if (!user || user.status !== 'active' || !roles.includes(user.role)) throw unauthorized();
    req.caller = {
      userId: user.id,
      orgId: user.org_id,
      role: user.role as Role,
      name: user.name,
      timezone: user.timezone,
    };
    next();
  };
}
