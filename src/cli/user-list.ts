// What `npm run token` without a user id prints: the users it can sign a token for, per
// organization and role, so that a first run shows whom to pick instead of only failing.
import type { UserRow } from '../data/users-repository.js';

const roles = ['admin', 'coach', 'athlete'];
const shownPerRole = 5;

export function describeUsers(users: UserRow[]): string {
  if (users.length === 0) return 'This database has no users yet: load some with npm run db:load or npm run db:seed.';
  const idWidth = Math.max(...users.map((user) => user.id.length));
  const lines = ['Users in this database (a token for one: npm run token -- <user_id>):'];
  for (const orgId of [...new Set(users.map((user) => user.org_id))]) {
    lines.push(`  ${orgId}`);
    const ofOrg = users.filter((user) => user.org_id === orgId);
    for (const role of [...roles, ...new Set(ofOrg.map((user) => user.role).filter((role) => !roles.includes(role)))]) {
      const ofRole = ofOrg
        .filter((user) => user.role === role)
        .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
      for (const user of ofRole.slice(0, shownPerRole))
        lines.push(
          `    ${role.padEnd(8)} ${user.id.padEnd(idWidth)}  ${user.name}${user.status === 'active' ? '' : ` (${user.status}: the API refuses its tokens)`}`,
        );
      if (ofRole.length > shownPerRole) lines.push(`    … and ${ofRole.length - shownPerRole} more ${role}s`);
    }
  }
  return lines.join('\n');
}
