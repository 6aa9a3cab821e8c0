// Test data builders and an in-process app. Each test makes its own organization with
// unique ids, so no test depends on another's rows and files need no truncation.
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import supertest from 'supertest';
import { pino } from 'pino';
import { createApp, type AppDependencies } from '../../src/app.js';
import { signToken } from '../../src/auth/sign-token.js';
import type { Database } from '../../src/data/database.js';
import { createPageTokens } from '../../src/domain/page-token.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { createHandlers, type HandlerDependencies } from '../../src/http/handlers/index.js';
import type { OperationHandlers } from '../../src/http/operations.js';
import { testDatabase } from './hooks.js';
import { recordResponse } from './spec-coverage.js';

import { testSecrets } from './secrets.js';

export { testSecrets };

export const testConfig: AppDependencies['config'] = {
  bodyLimitBytes: 64 * 1024,
  validateResponses: true,
  jwtSecret: testSecrets.jwtSecret,
  jwksUrl: undefined,
  jwtIssuer: undefined,
  jwtAudience: undefined,
  pageTokenSecret: testSecrets.pageTokenSecret,
  webhookSecretsKeys: testSecrets.webhookSecretsKeys,
  requestDeadlineMs: 10_000,
  readinessTimeoutMs: 1000,
  readinessMaxAgeMs: 1000,
  rateLimitWindowMs: 60_000,
  // Off unless a test sets them (test/reliability/rate-limit.test.ts).
  rateLimitPerIp: 0,
  rateLimitPerUser: 0,
  rateLimitPublicPerIp: 0,
  rateLimitRedisPrefix: 'groups-api-test:rl:',
  corsOrigins: [],
  trustProxyHops: 0,
  // Receivers in tests listen on 127.0.0.1 (test/webhooks/).
  webhookAllowLoopback: true,
};

export function db(): Database {
  return testDatabase().db;
}

/** What the service's handlers run on in tests: the test database (or another pool). */
export function handlerDependencies(database: Database = db()): HandlerDependencies {
  return {
    db: database,
    clock: () => new Date(),
    pageTokens: createPageTokens(testSecrets.pageTokenSecret),
    webhookTargets: { allowLoopback: true },
    secrets: createSecretBox(testSecrets.webhookSecretsKeys),
  };
}

/** The service's own handlers on the test database (or another pool), for a test to override one of. */
export function realHandlers(database: Database = db()): OperationHandlers {
  return createHandlers(handlerDependencies(database));
}

/** Log lines of an app under test, for assertions on what was logged. */
export interface CapturedLogs {
  lines: Record<string, unknown>[];
}

export function testApp(overrides: Partial<AppDependencies> = {}): {
  app: Express;
  logs: CapturedLogs;
  request: supertest.Agent;
} {
  const logs: CapturedLogs = { lines: [] };
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.lines.push(JSON.parse(line)) });
  const app = createApp({ config: testConfig, db: db(), logger, onRequestCompleted: recordResponse, ...overrides });
  return { app, logs, request: supertest.agent(app) };
}

export const uniqueSuffix = () => randomBytes(6).toString('hex');

type Role = 'athlete' | 'coach' | 'admin';

export interface UserSpec {
  role?: Role;
  status?: 'active' | 'inactive';
  timezone?: string | null;
  name?: string;
}

export interface TestOrganization {
  id: string;
  addUser(spec?: UserSpec): Promise<string>;
}

export async function createOrganization(): Promise<TestOrganization> {
  const id = `org_${uniqueSuffix()}`;
  await db()('organizations').insert({ id, name: `Club ${id}`, created_at: new Date() });
  let count = 0;
  return {
    id,
    async addUser(spec = {}) {
      count += 1;
      const userId = `usr_${spec.role ?? 'athlete'}${count}_${uniqueSuffix()}`;
      await db()('users').insert({
        id: userId,
        org_id: id,
        name: spec.name ?? `User ${count}`,
        role: spec.role ?? 'athlete',
        status: spec.status ?? 'active',
        timezone: spec.timezone === undefined ? null : spec.timezone,
        created_at: new Date(),
      });
      return userId;
    },
  };
}

export async function tokenFor(
  userId: string,
  options: { ttlSeconds?: number; now?: Date; secret?: string } = {},
): Promise<string> {
  return signToken({
    secret: options.secret ?? testSecrets.jwtSecret,
    userId,
    ttlSeconds: options.ttlSeconds ?? 3600,
    ...(options.now ? { now: options.now } : {}),
  });
}

export async function bearer(userId: string): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await tokenFor(userId)}` };
}

/** Creates a group over HTTP and returns its id; fails the test on anything but 200. */
export async function createGroupVia(
  request: supertest.Agent,
  auth: { Authorization: string },
  body: Record<string, unknown>,
): Promise<string> {
  const response = await request.post('/api/v1/groups').set(auth).send(body);
  if (response.status !== 200) throw new Error(`creating the group answered ${response.status}: ${response.text}`);
  return response.body.group_id as string;
}

export const uniqueName = (base: string) => `${base} ${uniqueSuffix()}`;

/** A new organization whose coach owns a group (named after `base`) with one athlete as its member. */
export async function coachGroupWithAthlete(
  request: supertest.Agent,
  base: string,
  coachSpec: UserSpec = {},
): Promise<{
  org: TestOrganization;
  coachId: string;
  coach: { Authorization: string };
  athlete: string;
  groupId: string;
}> {
  const org = await createOrganization();
  const coachId = await org.addUser({ ...coachSpec, role: 'coach' });
  const coach = await bearer(coachId);
  const athlete = await org.addUser({ role: 'athlete' });
  const groupId = await createGroupVia(request, coach, {
    name: uniqueName(base),
    user_id: coachId,
    members: [athlete],
  });
  return { org, coachId, coach, athlete, groupId };
}

export interface ActivitySpec {
  startTime: string;
  /** The athlete's local date; defaults to the UTC date of startTime. */
  startDateLocal?: string;
  status?: string;
  subType?: string | null;
  distance?: number;
  duration?: number;
  vdotLoad?: number | null;
  nexrexEtePlus?: number | null;
  name?: string;
}

let activityCount = 0;

/** Inserts an activity for a user and returns its id. */
export async function addActivity(orgId: string, userId: string, spec: ActivitySpec): Promise<string> {
  activityCount += 1;
  const id = `act_${activityCount}_${uniqueSuffix()}`;
  await db()('activities').insert({
    id,
    org_id: orgId,
    user_id: userId,
    name: spec.name ?? 'Run',
    type: 'run',
    sub_type: spec.subType === undefined ? 'easy-run' : spec.subType,
    status: spec.status ?? 'completed',
    start_time: new Date(spec.startTime),
    start_date_local: spec.startDateLocal ?? spec.startTime.slice(0, 10),
    distance: spec.distance ?? 5000,
    duration: spec.duration ?? 1500,
    vdot_load: spec.vdotLoad === undefined ? 10 : spec.vdotLoad,
    nexrex_ete_plus: spec.nexrexEtePlus === undefined ? 10 : spec.nexrexEtePlus,
  });
  return id;
}

/** Follows next_page_token from a first URL to the end, returning every page's body. */
export async function allPages(
  request: supertest.Agent,
  auth: { Authorization: string },
  firstUrl: string,
): Promise<Record<string, unknown>[]> {
  const pages: Record<string, unknown>[] = [];
  let url: string | null = firstUrl;
  while (url) {
    const response: supertest.Response = await request.get(url).set(auth);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${response.text}`);
    pages.push(response.body);
    const token = response.body.next_page_token as string | null;
    url = token ? `${firstUrl}${firstUrl.includes('?') ? '&' : '?'}page_token=${token}` : null;
  }
  return pages;
}

export interface CoachingSetup {
  org: TestOrganization;
  coachId: string;
  coach: { Authorization: string };
  /** Active athletes of the same organization. */
  athletes: string[];
}

/** The usual start of a groups test: a new organization, its coach's bearer header, `athleteCount` athletes. */
export async function coachOfNewOrganization(athleteCount = 0): Promise<CoachingSetup> {
  const org = await createOrganization();
  const coachId = await org.addUser({ role: 'coach' });
  const athletes: string[] = [];
  for (let i = 0; i < athleteCount; i++) athletes.push(await org.addUser({ role: 'athlete' }));
  return { org, coachId, coach: await bearer(coachId), athletes };
}
