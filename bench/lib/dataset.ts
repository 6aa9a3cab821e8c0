// The benchmark's data set, derived from a seed alone: the same seed, sizes and end date give
// the same rows, byte for byte. Organization i draws from its own stream (seed, i), so a
// larger --orgs adds organizations without changing the earlier ones: the 2,000,000-row
// database holds the 200,000-row one's first organization unchanged.

/** mulberry32: small, fast, good enough to spread benchmark data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Ids the benchmark addresses; the same in every database the generator writes. */
export const benchIds = {
  org: (i: number) => `org_b${pad(i, 3)}`,
  coach: (i: number) => `usr_b${pad(i, 3)}_coach`,
  admin: (i: number) => `usr_b${pad(i, 3)}_admin`,
  athlete: (i: number, k: number) => `usr_b${pad(i, 3)}_${pad(k, 5)}`,
  group: (i: number, j: number) => `grp_b${pad(i, 3)}_${pad(j, 5)}`,
  /** Groups the write scenario (S5) replaces the members of; reset before every run. */
  writeGroup: (j: number) => `grp_bw_${pad(j, 4)}`,
  /** Organizations of the list-size growth scenario: N groups each. */
  listOrg: (groups: number) => `org_l${groups}`,
  listCoach: (groups: number) => `usr_l${groups}_coach`,
};

/** The groups of organization i with a fixed member count, by index. */
export const sizedGroups = { members100: 0, members10: 1, members1000: 2, members30: 3 } as const;
export const writeGroupCount = 80;
export const listOrgSizes = [20, 2000] as const;

const zones = ['America/New_York', 'Europe/Berlin', 'UTC', 'Australia/Sydney', 'Asia/Kathmandu'];
// Standard offsets in minutes; the local start hour keeps the local date exact whatever DST does.
const zoneOffsets = [-300, 60, 0, 600, 345];
const subTypes = ['easy', 'tempo', 'long', 'intervals', 'recovery', null];
const names = ['Morning run', 'Tuesday tempo', 'Long Sunday', 'Track session', 'Shakeout'];

export interface Sizes {
  orgs: number;
  athletes: number;
  groups: number;
  days: number;
  seed: number;
  /** Last day of activity history (UTC calendar date), so that 30d and 90d stats find data. */
  endDate: string;
}

export interface Row {
  [column: string]: string | number | null;
}

export interface OrganizationRows {
  organization: Row;
  users: Row[];
  groups: Row[];
  members: Row[];
  audit: Row[];
}

const createdAt = '2024-01-01 00:00:00.000';

function userRow(
  orgId: string,
  id: string,
  name: string,
  role: string,
  timezone: string | null,
  status = 'active',
): Row {
  return { id, org_id: orgId, name, role, status, timezone, created_at: createdAt };
}

function groupRows(
  orgId: string,
  groupId: string,
  name: string,
  ownerId: string,
  members: string[],
  rows: OrganizationRows,
) {
  rows.groups.push({
    id: groupId,
    org_id: orgId,
    name,
    name_key: name.toLowerCase(),
    description: null,
    privacy: 'private',
    owner_id: ownerId,
    created_at: createdAt,
    updated_at: createdAt,
  });
  const audit = (n: number, action: string, subject: string | null, changes: string | null) => ({
    id: `aud_${groupId.slice(4)}_${pad(n, 5)}`,
    org_id: orgId,
    group_id: groupId,
    action,
    actor_id: ownerId,
    subject_user_id: subject,
    changes,
    request_id: 'bench-data',
    created_at: createdAt,
  });
  rows.audit.push(
    audit(0, 'group.created', null, JSON.stringify({ name, description: null, privacy: 'private', owner_id: ownerId })),
  );
  members.forEach((userId, n) => {
    rows.members.push({ group_id: groupId, user_id: userId, org_id: orgId, created_at: createdAt });
    rows.audit.push(audit(n + 1, 'member.added', userId, null));
  });
}

/** Organization i: a coach (America/New_York, a zone with DST), an admin, athletes, groups. */
export function organizationRows(sizes: Sizes, i: number): OrganizationRows {
  const next = random(sizes.seed * 1_000_003 + i);
  const orgId = benchIds.org(i);
  const rows: OrganizationRows = {
    organization: { id: orgId, name: `Bench club ${i}`, created_at: createdAt },
    users: [],
    groups: [],
    members: [],
    audit: [],
  };
  rows.users.push(userRow(orgId, benchIds.coach(i), `Coach ${i}`, 'coach', 'America/New_York'));
  rows.users.push(userRow(orgId, benchIds.admin(i), `Admin ${i}`, 'admin', 'Europe/Berlin'));
  const athletes: string[] = [];
  for (let k = 0; k < sizes.athletes; k += 1) {
    athletes.push(benchIds.athlete(i, k));
    rows.users.push(userRow(orgId, athletes[k]!, `Athlete ${i}.${k}`, 'athlete', zones[k % zones.length]!));
  }
  for (let j = 0; j < sizes.groups; j += 1) {
    let members: string[];
    if (j === sizedGroups.members100) members = athletes.slice(0, 100);
    else if (j === sizedGroups.members10) members = athletes.slice(0, 10);
    else if (j === sizedGroups.members1000) members = athletes.slice(0, 1000);
    else if (j === sizedGroups.members30) members = athletes.slice(0, 30);
    else {
      const picked = new Set<string>();
      const size = 5 + Math.floor(next() * 26);
      while (picked.size < Math.min(size, athletes.length)) picked.add(athletes[Math.floor(next() * athletes.length)]!);
      members = [...picked].sort();
    }
    groupRows(orgId, benchIds.group(i, j), `Bench group ${pad(j, 5)}`, benchIds.coach(i), members, rows);
  }
  if (i === 0) {
    for (let j = 0; j < writeGroupCount; j += 1) {
      groupRows(
        orgId,
        benchIds.writeGroup(j),
        `Write group ${pad(j, 4)}`,
        benchIds.coach(0),
        athletes.slice(0, 100),
        rows,
      );
    }
  }
  return rows;
}

/** An organization with `groups` groups of 5 to 15 members and no activities (S2 growth). */
export function listOrganizationRows(seed: number, groups: number): OrganizationRows {
  const next = random(seed * 7 + groups);
  const orgId = benchIds.listOrg(groups);
  const rows: OrganizationRows = {
    organization: { id: orgId, name: `List club ${groups}`, created_at: createdAt },
    users: [userRow(orgId, benchIds.listCoach(groups), `Coach L${groups}`, 'coach', 'Europe/Berlin')],
    groups: [],
    members: [],
    audit: [],
  };
  const athletes = Array.from({ length: 60 }, (_, k) => `usr_l${groups}_${pad(k, 5)}`);
  athletes.forEach((id, k) => rows.users.push(userRow(orgId, id, `Athlete L${k}`, 'athlete', 'UTC')));
  for (let j = 0; j < groups; j += 1) {
    const picked = new Set<string>();
    const size = 5 + Math.floor(next() * 11);
    while (picked.size < size) picked.add(athletes[Math.floor(next() * athletes.length)]!);
    groupRows(
      orgId,
      `grp_l${groups}_${pad(j, 5)}`,
      `List group ${pad(j, 5)}`,
      benchIds.listCoach(groups),
      [...picked].sort(),
      rows,
    );
  }
  return rows;
}

const dayMs = 86_400_000;

function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One activity row as SQL values text: building the text directly keeps the generator fast. */
export function* activityValues(sizes: Sizes, i: number): Generator<string> {
  const next = random(sizes.seed * 2_000_003 + i);
  const orgId = sqlString(benchIds.org(i));
  const lastDay = Date.parse(`${sizes.endDate}T00:00:00Z`);
  for (let k = 0; k < sizes.athletes; k += 1) {
    const userId = sqlString(benchIds.athlete(i, k));
    const offsetMs = zoneOffsets[k % zones.length]! * 60_000;
    const prefix = `act_${benchIds.athlete(i, k).slice(4)}_`;
    let n = 0;
    for (let d = sizes.days - 1; d >= 0; d -= 1) {
      const day = lastDay - d * dayMs;
      const draw = next();
      const count = draw < 0.15 ? 0 : draw < 0.95 ? 1 : 2;
      for (let c = 0; c < count; c += 1) {
        // Local start between 06:00 and 19:59, so that DST never moves it to another date.
        const localMs = (6 + Math.floor(next() * 14)) * 3_600_000 + Math.floor(next() * 3600) * 1000;
        const start = new Date(day + localMs - offsetMs).toISOString().replace('T', ' ').slice(0, 23);
        const localDate = new Date(day).toISOString().slice(0, 10);
        const subType = subTypes[Math.floor(next() * subTypes.length)];
        const distance = Math.round(3000 + next() * 20000);
        const duration = Math.round(distance * (0.25 + next() * 0.15));
        const status = next() < 0.95 ? 'completed' : 'skipped';
        const vdot = Math.round(next() * 800) / 10;
        const nexrex = next() < 0.8 ? String(Math.round(next() * 900) / 10) : 'NULL';
        yield `('${prefix}${pad(n, 5)}',${orgId},${userId},'${names[n % names.length]}','run',${
          subType === null ? 'NULL' : `'${subType}'`
        },'${status}','${start}','${localDate}',${distance},${duration},${vdot},${nexrex})`;
        n += 1;
      }
    }
  }
}

export const activityColumns =
  '(id, org_id, user_id, name, type, sub_type, status, start_time, start_date_local, distance, duration, vdot_load, nexrex_ete_plus)';

export function rowValues(row: Row, columns: string[]): string {
  return `(${columns
    .map((column) => {
      const value = row[column];
      return value === null || value === undefined
        ? 'NULL'
        : typeof value === 'number'
          ? String(value)
          : sqlString(value);
    })
    .join(',')})`;
}
