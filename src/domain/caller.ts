// The authenticated user, as the platform's user record describes them on this request.
import type { Executor } from '../data/database.js';
import { findUserById } from '../data/users-repository.js';

export type Role = 'athlete' | 'coach' | 'admin';

export interface Caller {
  userId: string;
  orgId: string;
  role: Role;
  name: string;
  timezone: string | null;
}

const roles: readonly string[] = ['athlete', 'coach', 'admin'] satisfies Role[];

/**
 * The caller a verified token names, read from the database on every request (organization,
 * role, status and timezone never come from token claims): undefined for an unknown,
 * inactive, or role-less user, whom the API answers as unauthenticated.
 */
export async function findActiveCaller(db: Executor, userId: string): Promise<Caller | undefined> {
  const user = await findUserById(db, userId);
  if (!user || user.status !== 'active' || !roles.includes(user.role)) return undefined;
  return { userId: user.id, orgId: user.org_id, role: user.role as Role, name: user.name, timezone: user.timezone };
}
