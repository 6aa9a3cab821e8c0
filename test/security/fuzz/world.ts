// The fuzz organization and its neighbour: users of every role, groups, more activities and
// audit events than one page holds, and a token for every kind of caller, good and bad.
import { SignJWT, UnsecuredJWT } from 'jose';
import { addActivity, createOrganization, db, testSecrets, tokenFor } from '../../support/world.js';
import type { CallerName } from './generators.js';

export interface FuzzWorld {
  orgId: string;
  otherOrgId: string;
  users: Record<'admin' | 'coach' | 'owner' | 'member' | 'otherAthlete' | 'inactive', string>;
  otherOrgCoach: string;
  otherOrgAdmin: string;
  otherOrgAthlete: string;
  /** Active athletes of the fuzz organization besides the named ones. */
  athletes: string[];
  /** The Authorization header of each caller; absent for `noToken`. */
  authorization: Record<CallerName, string | undefined>;
  /** The user id each valid caller acts as. */
  callerIds: Partial<Record<CallerName, string>>;
}

const secret = new TextEncoder().encode(testSecrets.jwtSecret);

export async function buildWorld(): Promise<FuzzWorld> {
  const org = await createOrganization();
  const other = await createOrganization();
  const users = {
    admin: await org.addUser({ role: 'admin' }),
    coach: await org.addUser({ role: 'coach', timezone: 'America/New_York' }),
    owner: await org.addUser({ role: 'athlete', timezone: 'Asia/Kathmandu', name: 'Owner \u202Eevil' }),
    member: await org.addUser({ role: 'athlete', timezone: 'Australia/Lord_Howe' }),
    otherAthlete: await org.addUser({ role: 'athlete' }),
    inactive: await org.addUser({ role: 'athlete', status: 'inactive' }),
  };
  const athletes: string[] = [];
  for (let i = 0; i < 6; i += 1) athletes.push(await org.addUser({ role: 'athlete' }));
  const otherOrgCoach = await other.addUser({ role: 'coach' });
  const otherOrgAdmin = await other.addUser({ role: 'admin' });
  const otherOrgAthlete = await other.addUser({ role: 'athlete' });

  // Enough activities that no page can hold them all, with values that stress rounding.
  const now = Date.now();
  for (const [index, userId] of [users.owner, users.member, ...athletes].entries()) {
    for (let day = 0; day < 16; day += 1) {
      await addActivity(org.id, userId, {
        startTime: new Date(now - day * 86_400_000 - index * 3_600_000).toISOString(),
        distance: day === 3 ? 0.0001 : 1000 + day * 123.456,
        duration: day === 5 ? 1e-7 : 600 + day,
        vdotLoad: day % 4 === 0 ? null : 1e-9 * day,
        nexrexEtePlus: day === 7 ? 123456789.987 : 3.3,
        subType: ['easy-run', 'tempo', null, 'long-run'][day % 4]!,
        name: day === 2 ? 'Run \u0000\u202E🏃' : 'Run',
      });
    }
  }
  await addActivity(other.id, otherOrgAthlete, { startTime: new Date(now).toISOString() });

  const sub = (payload: Record<string, unknown>) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(secret);
  const authorization: Record<CallerName, string | undefined> = {
    coach: `Bearer ${await tokenFor(users.coach)}`,
    admin: `Bearer ${await tokenFor(users.admin)}`,
    owner: `Bearer ${await tokenFor(users.owner)}`,
    member: `Bearer ${await tokenFor(users.member)}`,
    otherAthlete: `Bearer ${await tokenFor(users.otherAthlete)}`,
    otherOrgCoach: `Bearer ${await tokenFor(otherOrgCoach)}`,
    otherOrgAdmin: `Bearer ${await tokenFor(otherOrgAdmin)}`,
    noToken: undefined,
    garbage: 'Bearer abc.def.ghi',
    expired: `Bearer ${await tokenFor(users.coach, { now: new Date(now - 7_200_000), ttlSeconds: 60 })}`,
    otherKey: `Bearer ${await tokenFor(users.coach, { secret: 'another-secret-0123456789abcdef0123456789' })}`,
    algNone: `Bearer ${new UnsecuredJWT({}).setSubject(users.coach).setIssuedAt().setExpirationTime('1h').encode()}`,
    numericSub: `Bearer ${await sub({ sub: 0 })}`,
    inactive: `Bearer ${await tokenFor(users.inactive)}`,
  };
  return {
    orgId: org.id,
    otherOrgId: other.id,
    users,
    otherOrgCoach,
    otherOrgAdmin,
    otherOrgAthlete,
    athletes,
    authorization,
    callerIds: {
      coach: users.coach,
      admin: users.admin,
      owner: users.owner,
      member: users.member,
      otherAthlete: users.otherAthlete,
      otherOrgCoach,
      otherOrgAdmin,
    },
  };
}

/** Rows of both organizations, to compare with what the run's answers say was created. */
export async function storedState(world: FuzzWorld) {
  const orgs = [world.orgId, world.otherOrgId];
  const groups = await db()('groups')
    .whereIn('org_id', orgs)
    .select<{ id: string; org_id: string; name: string; owner_id: string }[]>('id', 'org_id', 'name', 'owner_id');
  const members = await db()('group_members as m')
    .join('groups as g', 'g.id', 'm.group_id')
    .join('users as u', 'u.id', 'm.user_id')
    .whereIn('g.org_id', orgs)
    .select<{ group_id: string; user_id: string; group_org: string; user_org: string; row_org: string }[]>(
      'm.group_id',
      'm.user_id',
      'g.org_id as group_org',
      'u.org_id as user_org',
      'm.org_id as row_org',
    );
  const audit = await db()('audit_events')
    .whereIn('org_id', orgs)
    .select<{ group_id: string; action: string; request_id: string | null; org_id: string }[]>(
      'group_id',
      'action',
      'request_id',
      'org_id',
    );
  const endpoints = await db()('webhook_endpoints')
    .whereIn('org_id', orgs)
    .select<{ id: string; org_id: string }[]>('id', 'org_id');
  return { groups, members, audit, endpoints };
}
