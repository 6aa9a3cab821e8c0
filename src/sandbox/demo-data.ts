// A realistic demo organization for the quick start and for trying the API: one admin, two
// coaches and forty athletes in several time zones, 90 days of training (and April 2025, the
// month the API reference's activity example asks for), and groups that
// leave twelve athletes unassigned. It carries the API reference's own ids (org_xyz789,
// usr_coach1, usr_athlete1…, grp_abc123), so the reference's examples work verbatim against
// a local run. grp_abc123 is not named "Marathon Block A": the reference's create example
// makes that group, and it must not clash with the demo.
import { localDate } from '../domain/time-zone.js';
import type { ActivityInput, Dataset, UserInput } from './dataset.js';

export const demoOrgId = 'org_xyz789';
export const demoAdmin = { id: 'usr_admin', name: 'Avery Admin' };
export const demoCoach = { id: 'usr_coach1', name: 'Coach Casey' };
export const demoAdminId = demoAdmin.id;
/**
 * A webhook endpoint the docs' examples read (`whe_demo`). Its host is IANA's example domain,
 * which receives nothing, so the seed leaves it disabled.
 */
export const demoWebhookEndpoint = {
  id: 'whe_demo',
  url: 'https://partner.example.com/webhooks/groups',
  description: 'Demo (disabled: its URL reaches nobody); npm run webhooks:listen gives one that receives',
};
export const demoCoachId = demoCoach.id;

const firstNames = [
  'Alex',
  'Sam',
  'Jordan',
  'Riley',
  'Morgan',
  'Taylor',
  'Casey',
  'Jamie',
  'Avery',
  'Quinn',
  'Rowan',
  'Harper',
  'Emery',
  'Finley',
  'Kai',
  'Noa',
  'Priya',
  'Arjun',
  'Mei',
  'Hana',
  'Lukas',
  'Greta',
  'Sofia',
  'Mateo',
  'Amara',
  'Tariq',
  'Ines',
  'Yuki',
  'Oskar',
  'Leila',
  'Dev',
  'Anika',
  'Bodhi',
  'Sita',
  'Ezra',
  'Maya',
  'Jonas',
  'Freya',
  'Nico',
  'Zara',
];
const timeZones = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Europe/London',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
];
const subTypes = ['easy-run', 'tempo', 'intervals', 'long-run', 'recovery', 'race'] as const;

/** A small deterministic PRNG (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const athleteId = (index: number) => `usr_athlete${index}`;

function athleteRange([first, last]: number[]): string[] {
  return Array.from({ length: last! - first! + 1 }, (_, offset) => athleteId(first! + offset));
}

/** One user of each role, for the start banner. */
export const demoUserPerRole = [
  { role: 'admin', ...demoAdmin },
  { role: 'coach', ...demoCoach },
  { role: 'athlete', id: athleteId(1), name: firstNames[0]! },
] as const;

export const demoGroups = [
  {
    id: 'grp_abc123',
    name: 'Spring Marathon Cohort',
    description: 'Marathon training cohort',
    privacy: 'private' as const,
    ownerId: demoCoachId,
    members: [1, 13],
    // Two later changes leave it at version 3, the ETag "v3" of the reference's If-Match example.
    changes: [{ members: [1, 15] }, { description: '12-week marathon training cohort' }],
  },
  {
    id: 'grp_tuesday',
    name: 'Tuesday Speed Group',
    description: 'Track intervals every Tuesday evening',
    privacy: 'public' as const,
    ownerId: demoCoachId,
    members: [1, 10],
  },
  {
    id: 'grp_trail',
    name: 'Trail Crew',
    description: 'Weekend trail long runs',
    privacy: 'public' as const,
    ownerId: 'usr_coach2',
    members: [16, 28],
  },
].map((group) => ({
  ...group,
  members: athleteRange(group.members),
  changes: (group.changes ?? []).map((change) => ({
    ...change,
    members: change.members && athleteRange(change.members),
  })),
}));

export function demoDataset(today: Date): Dataset {
  const next = random(20250401);
  const users: UserInput[] = [
    {
      id: demoAdmin.id,
      org_id: demoOrgId,
      name: demoAdmin.name,
      role: 'admin',
      status: 'active',
      timezone: 'America/New_York',
    },
    {
      id: demoCoach.id,
      org_id: demoOrgId,
      name: demoCoach.name,
      role: 'coach',
      status: 'active',
      timezone: 'America/New_York',
    },
    {
      id: 'usr_coach2',
      org_id: demoOrgId,
      name: 'Coach Robin',
      role: 'coach',
      status: 'active',
      timezone: 'Europe/Berlin',
    },
    ...firstNames.map((name, index) => ({
      id: athleteId(index + 1),
      org_id: demoOrgId,
      name,
      role: 'athlete' as const,
      status: 'active' as const,
      timezone: timeZones[index % timeZones.length]!,
    })),
  ];

  const activities: ActivityInput[] = [];
  const startOfToday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  // The last 90 days, and April 2025: the API reference's activity example asks for that month.
  const recentDays = Array.from({ length: 90 }, (_, index) => startOfToday - (89 - index) * 86_400_000);
  const referenceMonth = Array.from({ length: 30 }, (_, index) => Date.UTC(2025, 3, 1 + index)).filter(
    (day) => !recentDays.includes(day),
  );
  for (const athlete of users.filter((user) => user.role === 'athlete')) {
    const fitness = 0.8 + next() * 0.5;
    for (const day of [...referenceMonth, ...recentDays]) {
      if (next() < 0.35) continue;
      const weekly = Math.floor(day / 86_400_000) % 7 === 0;
      const subType = subTypes[Math.floor(next() * (weekly ? subTypes.length : subTypes.length - 1))]!;
      const kilometres =
        { 'easy-run': 8, tempo: 10, intervals: 9, 'long-run': 22, recovery: 5, race: 10 }[subType] *
        (0.8 + next() * 0.4) *
        fitness;
      const paceSecondsPerKm =
        { 'easy-run': 340, tempo: 280, intervals: 300, 'long-run': 350, recovery: 380, race: 260 }[subType] / fitness;
      const start = new Date(day + Math.floor((5 + next() * 14) * 3_600_000));
      if (start > today) continue;
      const status = next() < 0.08 ? 'planned' : 'completed';
      activities.push({
        id: `act_${athlete.id.slice(4)}_${new Date(day).toISOString().slice(0, 10).replaceAll('-', '')}`,
        org_id: demoOrgId,
        user_id: athlete.id,
        name: `${subType.replace('-', ' ')} run`,
        type: 'run',
        sub_type: subType,
        status,
        start_time: start.toISOString(),
        start_date_local: localDate(start, athlete.timezone!),
        distance: Math.round(kilometres * 1000),
        duration: Math.round(kilometres * paceSecondsPerKm),
        vdot_load: Math.round(kilometres * (subType === 'intervals' || subType === 'race' ? 4.2 : 3) * 10) / 10,
        nexrex_ete_plus: Math.round(kilometres * (subType === 'tempo' ? 5.5 : 3.8) * 10) / 10,
      });
    }
  }
  return { organizations: [{ id: demoOrgId, name: 'Riverside Running Club' }], users, activities };
}
