// npm run cluster:test: the reference deployment under load and faults, on this machine.
// Bootstraps a three-node Galera cluster, HAProxy and three API processes in a temporary
// folder; migrates and seeds through HAProxy; checks that certification conflicts between
// nodes are retried; then runs SDK clients (creates, member PUTs, deletes, gets) while it
// kills the writer database node, then one API process, then brings both back. Afterwards
// it checks every acknowledged write against the database and the audit log, and exits
// non-zero when an assertion fails. Everything it started is stopped and removed, also on
// failure or Ctrl-C.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import mysql from 'mysql2/promise';
import { createGroupsClient, GroupsApiError, type GroupsClient } from '../sdk/src/index.js';
import { signToken } from '../src/auth/sign-token.js';
import { settings as configSettings } from '../src/config.js';
import { inTransaction } from '../src/data/transaction.js';
import { insertEndpoint } from '../src/data/webhook-endpoints-repository.js';
import { createSecretBox } from '../src/lib/secret-box.js';
import { newEndpoint, newSigningSecret } from '../src/domain/webhook-endpoints.js';
import { waitUntil } from '../scripts/lib/processes.js';
import { startReceiver, type Receiver } from '../scripts/lib/webhook-receiver.js';
import { verifyEvents } from './cluster-events.js';
import { neighbourOrgId, startDeadEndpoint, type DeadEndpoint } from './cluster-neighbour.js';
import { databaseName, missingPackages, serviceCommands, Topology } from './cluster.js';

const settings = {
  clients: Number(process.env.CLUSTER_CLIENTS ?? 4),
  thinkMs: Number(process.env.CLUSTER_THINK_MS ?? 100),
  /** Seconds of load before the first fault, between faults and after the last recovery. */
  phaseSeconds: Number(process.env.CLUSTER_PHASE_SECONDS ?? 12),
  /** Times the writer is SIGKILLed in all (the first among the other faults, the rest after them). */
  writerKills: Math.max(1, Number(process.env.CLUSTER_WRITER_KILLS ?? 3)),
  /** Seconds of load after each of the further writer kills and after its failback. */
  writerKillPhaseSeconds: Number(process.env.CLUSTER_WRITER_KILL_PHASE_SECONDS ?? 4),
  /** The longest the writer's SIGKILL may disrupt writes, as the median over the kills. */
  writerFailoverBudgetMs: 2000,
  requireRetryAfter: process.env.CLUSTER_REQUIRE_RETRY_AFTER !== '0',
};

const orgId = 'org_chaos';
const adminId = 'usr_chaos_admin';
const athletes = Array.from({ length: 30 }, (_, index) => `usr_chaos_a${String(index + 1).padStart(2, '0')}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const someAthletes = (max: number) => athletes.filter(() => Math.random() < max / athletes.length).slice(0, max);
const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((id, index) => id === [...b].sort()[index]);

// --- What the clients saw --------------------------------------------------------------

interface Attempt {
  method: string;
  startedAt: number;
  endedAt: number;
  /** 0: no answer (connection refused or cut). */
  status: number;
  retryAfter: boolean;
  /** Why there was no answer. */
  error?: string;
}

const attempts: Attempt[] = [];

/** Below the SDK's retrying fetch: sees every attempt, retries included. */
const recordingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const startedAt = Date.now();
  try {
    const response = await fetch(request);
    attempts.push({
      method: request.method,
      startedAt,
      endedAt: Date.now(),
      status: response.status,
      retryAfter: response.headers.has('retry-after'),
    });
    return response;
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    attempts.push({
      method: request.method,
      startedAt,
      endedAt: Date.now(),
      status: 0,
      retryAfter: false,
      error: `${request.method} ${new URL(request.url).pathname}: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`,
    });
    throw error;
  }
};

interface TrackedGroup {
  id: string;
  name: string;
  /** The member list of the last acknowledged write. */
  members: string[];
  deleted: boolean;
}

const counts = {
  creates: 0,
  updates: 0,
  deletes: 0,
  acknowledged: 0,
  reads: 0,
  staleReads: 0,
  /** Creates that ended with 409 idempotency_key_in_use after the SDK's retries. */
  keyInUse: 0,
  /** Writes that needed more than the SDK's own retries. */
  retriedByClient: 0,
  unexpected: [] as string[],
};
const groups: TrackedGroup[] = [];
/** Creates that got no 200: they may or may not have been committed. */
const unacknowledgedCreates: { name: string; members: string[]; status: number }[] = [];

const transient = (error: unknown) => !(error instanceof GroupsApiError) || error.status === 503;
/** A create whose Idempotency-Key is still claimed by an attempt that died with the database. */
const keyInUse = (error: unknown) => error instanceof GroupsApiError && error.code === 'idempotency_key_in_use';
const describeError = (error: unknown) =>
  error instanceof GroupsApiError ? `${error.status} ${error.code}` : (error as Error).message;

/** Runs an idempotent write until it is acknowledged (the SDK already retried it a few times). */
async function untilAcknowledged<T>(what: string, write: () => Promise<T>, alsoDone?: (error: unknown) => boolean) {
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await write();
      if (attempt > 0) counts.retriedByClient++;
      return result;
    } catch (error) {
      if (attempt > 0 && alsoDone?.(error)) return undefined;
      if (!transient(error) || Date.now() > deadline)
        throw new Error(`${what}: ${describeError(error)}`, { cause: error });
      await sleep(500);
    }
  }
}

async function runClient(client: GroupsClient, worker: number, running: () => boolean): Promise<void> {
  const mine: TrackedGroup[] = [];
  let serial = 0;
  while (running()) {
    const live = mine.filter((group) => !group.deleted);
    const roll = Math.random();
    try {
      if (live.length < 3 || roll < 0.25) {
        const name = `chaos w${worker} n${++serial}`;
        const members = someAthletes(4);
        counts.creates++;
        try {
          const { group_id } = await client.createGroup({ name, user_id: adminId, members, privacy: 'private' });
          const group = { id: group_id, name, members, deleted: false };
          mine.push(group);
          groups.push(group);
          counts.acknowledged++;
        } catch (error) {
          if (!transient(error) && !keyInUse(error)) throw error;
          if (keyInUse(error)) counts.keyInUse++;
          unacknowledgedCreates.push({ name, members, status: error instanceof GroupsApiError ? error.status : 0 });
        }
      } else if (roll < 0.6) {
        const group = pick(live);
        const members = someAthletes(6);
        counts.updates++;
        await untilAcknowledged(`PUT ${group.id}`, () => client.updateGroup(group.id, { members }));
        group.members = members;
        counts.acknowledged++;
      } else if (roll < 0.7) {
        const group = pick(live);
        counts.deletes++;
        // A 404 after a failed attempt: that attempt deleted it.
        await untilAcknowledged(
          `DELETE ${group.id}`,
          () => client.deleteGroup(group.id),
          (error) => error instanceof GroupsApiError && error.status === 404,
        );
        group.deleted = true;
        counts.acknowledged++;
      } else {
        const group = pick(live);
        counts.reads++;
        const read = await untilAcknowledged(`GET ${group.id}`, () => client.getGroup(group.id));
        if (read && !sameMembers(read.members, group.members)) counts.staleReads++;
      }
    } catch (error) {
      counts.unexpected.push(`client ${worker}: ${(error as Error).message}`);
    }
    await sleep(settings.thinkMs * (0.5 + Math.random()));
  }
}

// --- Faults and how long the clients felt them ------------------------------------------

interface Fault {
  name: string;
  at: number;
  /** Until the next fault or the end of the load. */
  until: number;
  note?: string;
}

const faults: Fault[] = [];
let loadStartedAt = 0;

function markFault(name: string, note?: string): Fault {
  const now = Date.now();
  const previous = faults.at(-1);
  if (previous && previous.until === Infinity) previous.until = now;
  const fault = { name, at: now, until: Infinity, ...(note ? { note } : {}) };
  faults.push(fault);
  console.log(`  t+${seconds(now - loadStartedAt)} ${name}`);
  return fault;
}

const writerKillName = 'SIGKILL db1 (the writer)';
const writerKill = (kill: number) => (kill === 1 ? writerKillName : `${writerKillName}, kill ${kill}`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** How long each of the writer's SIGKILLs disrupted writes. */
const writerFailovers = () =>
  faults.filter((fault) => fault.name.startsWith(writerKillName)).map((fault) => recovery(fault).disruptionMs);

const isWrite = (attempt: Attempt) => attempt.method !== 'GET';
const isFailure = (attempt: Attempt) => attempt.status === 0 || attempt.status >= 500;

function recovery(fault: Fault) {
  const inWindow = attempts.filter((attempt) => attempt.endedAt >= fault.at && attempt.startedAt < fault.until);
  const failures = inWindow.filter(isFailure);
  const lastFailure = Math.max(fault.at, ...failures.map((attempt) => attempt.endedAt));
  const firstWrite = inWindow
    .filter((attempt) => isWrite(attempt) && attempt.status < 300 && attempt.startedAt >= fault.at)
    .map((attempt) => attempt.endedAt)
    .sort((a, b) => a - b)[0];
  const slowest = Math.max(0, ...inWindow.map((attempt) => attempt.endedAt - attempt.startedAt));
  return {
    failures: failures.length,
    disruptionMs: lastFailure - fault.at,
    firstWriteMs: firstWrite === undefined ? undefined : firstWrite - fault.at,
    slowestMs: slowest,
  };
}

// --- Checks ----------------------------------------------------------------------------

const results: { ok: boolean; text: string }[] = [];
function check(ok: boolean, text: string): void {
  results.push({ ok, text });
  console.log(`  ${ok ? '✔' : '✘'} ${text}`);
}

/** Two nodes write the same row at once: Galera certifies one and aborts the other as a deadlock. */
async function certificationProbe(topology: Topology): Promise<{ pairs: number; conflicts: number }> {
  const direct = (port: number) =>
    knexFactory({
      client: 'mysql2',
      connection: { host: '127.0.0.1', port, user: 'groups', password: 'groups-cluster-test', database: databaseName },
      pool: { min: 0, max: 2 },
    });
  const nodes = [direct(topology.nodes[0]!.ports.mysql), direct(topology.nodes[1]!.ports.mysql)];
  let conflicts = 0;
  const counting = (db: Knex) =>
    ({
      transaction: (work: (trx: Knex.Transaction) => Promise<unknown>) =>
        db.transaction(work).catch((error: { errno?: number }) => {
          if (error.errno === 1213) conflicts++;
          throw error;
        }),
    }) as unknown as Knex;
  const pairs = 10;
  try {
    for (let pair = 0; pair < pairs; pair++) {
      await Promise.all(
        nodes.map((db, index) =>
          inTransaction(counting(db), async (trx) => {
            await trx('organizations')
              .where({ id: orgId })
              .update({ name: `Chaos club ${pair}.${index}` });
            await sleep(30);
          }),
        ),
      );
    }
  } finally {
    await Promise.all(nodes.map((db) => db.destroy()));
  }
  return { pairs, conflicts };
}

/** Tables of the service's schema (Knex's migration tables included) that lack a primary key. */
async function tablesWithoutPrimaryKey(topology: Topology): Promise<string[]> {
  const connection = await mysql.createConnection({ socketPath: topology.nodes[0]!.socket, user: 'root' });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT t.table_name AS name FROM information_schema.tables t
       LEFT JOIN information_schema.table_constraints c
         ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'
       WHERE t.table_schema = ? AND t.table_type = 'BASE TABLE' AND c.constraint_name IS NULL`,
      [databaseName],
    );
    return rows.map((row) => row.name as string);
  } finally {
    await connection.end();
  }
}

interface AuditRow {
  group_id: string;
  action: string;
  subject_user_id: string | null;
}

async function verify(db: Knex) {
  const unacknowledgedNames = unacknowledgedCreates.map((create) => create.name);
  const rowsByName = await db<{ id: string; org_id: string; name: string }>('groups')
    .where({ org_id: orgId })
    .select('id', 'name');
  const namesSeen = new Map<string, number>();
  for (const row of rowsByName) namesSeen.set(row.name, (namesSeen.get(row.name) ?? 0) + 1);
  const duplicatedNames = [...namesSeen.values()].filter((count) => count > 1).length;

  const committedUnacknowledged = rowsByName.filter((row) => unacknowledgedNames.includes(row.name));
  const known = new Set([...groups.map((group) => group.id), ...committedUnacknowledged.map((row) => row.id)]);
  const phantoms = rowsByName.filter((row) => !known.has(row.id)).length;

  const memberRows = await db<{ group_id: string; org_id: string; user_id: string }>('group_members')
    .where({ org_id: orgId })
    .select('group_id', 'user_id');
  const membersOf = new Map<string, string[]>();
  for (const row of memberRows) membersOf.set(row.group_id, [...(membersOf.get(row.group_id) ?? []), row.user_id]);
  const existing = new Set(rowsByName.map((row) => row.id));

  const auditRows = await db<AuditRow & { org_id: string; seq: number }>('audit_events')
    .where({ org_id: orgId })
    .orderBy('seq')
    .select('group_id', 'action', 'subject_user_id');
  const eventsOf = new Map<string, AuditRow[]>();
  for (const row of auditRows) eventsOf.set(row.group_id, [...(eventsOf.get(row.group_id) ?? []), row]);

  let lost = 0;
  let duplicated = duplicatedNames;
  let auditMismatches = 0;
  const problems: string[] = [];
  for (const group of groups) {
    const exists = existing.has(group.id);
    const members = membersOf.get(group.id) ?? [];
    if (group.deleted ? exists : !exists || !sameMembers(members, group.members)) {
      lost++;
      problems.push(
        `${group.id}: expected ${group.deleted ? 'deleted' : group.members.join(',')}, found ${exists ? members.join(',') : 'no group'}`,
      );
    }
  }
  // A create that got no 200 but was committed must have been committed whole.
  let partialCreates = 0;
  for (const row of committedUnacknowledged) {
    const requested = unacknowledgedCreates.find((create) => create.name === row.name)!;
    if (!sameMembers(membersOf.get(row.id) ?? [], requested.members)) {
      partialCreates++;
      problems.push(`${row.id}: committed without the members it was created with`);
    }
  }
  for (const id of known) {
    const events = eventsOf.get(id) ?? [];
    const created = events.filter((event) => event.action === 'group.created').length;
    const deletedEvents = events.filter((event) => event.action === 'group.deleted').length;
    if (created > 1 || deletedEvents > 1) duplicated++;
    // Replaying the trail gives the group's current state.
    let replayedExists = false;
    const replayed = new Set<string>();
    for (const event of events) {
      if (event.action === 'group.created') replayedExists = true;
      if (event.action === 'group.deleted') replayedExists = false;
      if (event.action === 'member.added') replayed.add(event.subject_user_id!);
      if (event.action === 'member.removed') replayed.delete(event.subject_user_id!);
    }
    const exists = existing.has(id);
    const matches =
      created === 1 && replayedExists === exists && (!exists || sameMembers([...replayed], membersOf.get(id) ?? []));
    if (!matches) {
      auditMismatches++;
      problems.push(`${id}: audit trail does not replay to the stored state`);
    }
  }
  return {
    lost,
    duplicated,
    phantoms,
    auditMismatches,
    committedUnacknowledged: committedUnacknowledged.length,
    partialCreates,
    groupsChecked: known.size,
    auditEvents: auditRows.length,
    problems,
  };
}

async function tableChecksums(topology: Topology): Promise<string[]> {
  return Promise.all(
    topology.nodes.map(async (node) => {
      const connection = await mysql.createConnection({ socketPath: node.socket, user: 'root' });
      try {
        const [rows] = await connection.query<mysql.RowDataPacket[]>(
          `CHECKSUM TABLE ${['organizations', 'users', 'groups', 'group_members', 'audit_events'].map((table) => `${databaseName}.${table}`).join(', ')}`,
        );
        return rows.map((row) => `${row.Table as string}=${row.Checksum as string}`).join(' ');
      } finally {
        await connection.end();
      }
    }),
  );
}

// --- The run ---------------------------------------------------------------------------

async function waitForHaproxy(topology: Topology, server: string, state: 'UP' | 'DOWN', timeoutMs: number) {
  await waitUntil(`HAProxy to see ${server} ${state}`, timeoutMs, async () =>
    (await topology.haproxyStates())[server]?.startsWith(state) ? true : undefined,
  );
}

/** Three Galera nodes, HAProxy in front, the schema migrated and the chaos organization loaded. */
async function setUpDatabase(topology: Topology, startedAt: number): Promise<void> {
  await topology.startGalera();
  console.log(`  Galera: 3 nodes Synced after ${seconds(Date.now() - startedAt)}`);
  topology.startHaproxy();
  await waitForHaproxy(topology, 'galera/db1', 'UP', 30_000);

  console.log(`  ${topology.runServiceCommand(serviceCommands.migrate)}`);
  const datasetFile = join(topology.dir, 'dataset.json');
  writeFileSync(
    datasetFile,
    JSON.stringify({
      organizations: [
        { id: orgId, name: 'Chaos club' },
        { id: neighbourOrgId, name: 'Noisy neighbour' },
      ],
      users: [
        { id: adminId, org_id: orgId, name: 'Chaos admin', role: 'admin', status: 'active' },
        ...athletes.map((id, index) => ({
          id,
          org_id: orgId,
          name: `Athlete ${index + 1}`,
          role: 'athlete',
          status: 'active',
        })),
      ],
      activities: [],
    }),
  );
  console.log(`  ${topology.runServiceCommand(serviceCommands.load, datasetFile)}`);
}

/** What Galera needs of the schema and of the service before any load: keys, retried conflicts. */
async function checkReplicationReadiness(topology: Topology): Promise<void> {
  const withoutKey = await tablesWithoutPrimaryKey(topology);
  check(
    withoutKey.length === 0,
    `every table has a primary key (Galera replicates rows by key); without one: ${withoutKey.join(', ') || 'none'}`,
  );
  const probe = await certificationProbe(topology);
  check(
    probe.conflicts > 0,
    `certification conflicts between two writer nodes surface as deadlocks and are retried: ${probe.conflicts} met in ${probe.pairs} concurrent pairs, all committed`,
  );
}

/** No API process is up yet: HAProxy answers by itself, and must say when to retry. */
async function checkHaproxyWithoutApis(topology: Topology): Promise<void> {
  const refused = await fetch(`${topology.apiUrl}/api/v1/groups`);
  check(
    refused.status === 503 && refused.headers.get('retry-after') === '1',
    `HAProxy with no API process up answers ${refused.status} with Retry-After: ${refused.headers.get('retry-after')}`,
  );
  await refused.body?.cancel();
}

interface Rejoin {
  ms: number;
  transfer: string;
  size: number;
  state: string;
}

/**
 * The SDK clients write and read while, one phase apart, the writer node and an API process
 * are killed and restarted. Returns how db1 rejoined and when the load ended.
 */
async function loadThroughFaults(topology: Topology): Promise<{ rejoin: Rejoin; loadEndedAt: number }> {
  const token = await signToken({ secret: topology.jwtSecret, userId: adminId, ttlSeconds: 3600 });
  const client = createGroupsClient({
    baseUrl: topology.apiUrl,
    token,
    fetch: recordingFetch,
    retries: { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 2000 },
  });

  let loadRunning = true;
  loadStartedAt = Date.now();
  console.log(`  load: ${settings.clients} SDK clients`);
  const clients = Array.from({ length: settings.clients }, (_, worker) =>
    runClient(client, worker + 1, () => loadRunning),
  );
  const phase = () => sleep(settings.phaseSeconds * 1000);
  const db1 = topology.nodes[0]!;
  const api2 = topology.apis[1]!;
  const dispatch1 = topology.dispatchers[0]!;
  let rejoin: Rejoin | undefined;
  try {
    await phase();
    markFault(writerKill(1));
    db1.kill();
    await waitForHaproxy(topology, 'galera/db1', 'DOWN', 30_000);
    await phase();

    markFault('SIGKILL api2 and dispatch1');
    await Promise.all([api2.kill(), dispatch1.kill()]);
    await phase();

    markFault('db1 restarted');
    const restartedAt = Date.now();
    db1.start();
    const status = await db1.waitSynced(3, 180_000);
    rejoin = {
      ms: Date.now() - restartedAt,
      transfer: db1.lastStateTransfer(),
      size: status.clusterSize,
      state: status.state,
    };
    // HAProxy sees it healthy within about 3 s and moves every session back to it.
    markFault(`db1 Synced again after ${seconds(rejoin.ms)} by ${rejoin.transfer}; HAProxy fails back to it`);
    await waitForHaproxy(topology, 'galera/db1', 'UP', 30_000);
    await phase();

    markFault('api2 and dispatch1 restarted');
    dispatch1.start();
    api2.start();
    await api2.waitReady(90_000);
    await waitForHaproxy(topology, 'api/api2', 'UP', 30_000);
    await phase();

    // One failover is one sample; the budget is checked against the median of several.
    const shortPhase = () => sleep(settings.writerKillPhaseSeconds * 1000);
    for (let kill = 2; kill <= settings.writerKills; kill++) {
      markFault(writerKill(kill));
      db1.kill();
      await waitForHaproxy(topology, 'galera/db1', 'DOWN', 30_000);
      await shortPhase();
      markFault('db1 restarted');
      db1.start();
      await db1.waitSynced(3, 180_000);
      markFault('db1 Synced again; HAProxy fails back to it');
      await waitForHaproxy(topology, 'galera/db1', 'UP', 30_000);
      await shortPhase();
    }
  } finally {
    loadRunning = false;
    await Promise.all(clients);
  }
  const loadEndedAt = Date.now();
  if (!rejoin) throw new Error('db1 never rejoined');
  faults.at(-1)!.until = loadEndedAt;
  return { rejoin, loadEndedAt };
}

/** What the clients' attempts show: statuses, 503s without Retry-After, answers never given. */
function attemptSummary() {
  const statuses = new Map<number, number>();
  for (const attempt of attempts) statuses.set(attempt.status, (statuses.get(attempt.status) ?? 0) + 1);
  const unavailable = attempts.filter((attempt) => attempt.status === 503);
  const other5xx = attempts.filter((attempt) => attempt.status >= 500 && attempt.status !== 503).length;
  // HAProxy may close the client's connection without an answer when the process it reused a
  // connection to dies under a request (as the process itself would have done), and does not
  // resend a POST. That create was never answered, like a 503: it is looked up by name below.
  // Any other request without an answer is a failure.
  const apiKill = faults.find((fault) => fault.name.startsWith('SIGKILL api'))!;
  const cutCreate = (attempt: Attempt) =>
    attempt.method === 'POST' && attempt.endedAt >= apiKill.at && attempt.startedAt <= apiKill.at + 1000;
  const noAnswer = attempts.filter((attempt) => attempt.status === 0);
  const cutCreates = noAnswer.filter(cutCreate).length;
  const withoutRetryAfter = unavailable.filter((attempt) => !attempt.retryAfter).length;
  return { statuses, unavailable, other5xx, noAnswer, cutCreates, withoutRetryAfter };
}

/** Once every node is Synced again: the nodes' table checksums and the stored state against what the clients saw. */
async function databaseVerdict(topology: Topology) {
  for (const node of topology.nodes) await node.waitSynced(3, 60_000);
  const checksums = await tableChecksums(topology);
  const db = knexFactory({ client: 'mysql2', connection: { ...mysqlConnection(topology), database: databaseName } });
  try {
    return { checksums, ...(await verify(db)) };
  } finally {
    await db.destroy();
  }
}

type Verdict = Awaited<ReturnType<typeof databaseVerdict>>;
type Summary = ReturnType<typeof attemptSummary>;

function printResults(verdict: Verdict, summary: Summary, rejoin: Rejoin, loadEndedAt: number): void {
  const writes = counts.creates + counts.updates + counts.deletes;
  const loadSeconds = (loadEndedAt - loadStartedAt) / 1000;
  console.log('\nresults');
  console.log(
    `  writes made: ${writes} (${counts.creates} creates, ${counts.updates} member PUTs, ${counts.deletes} deletes) in ${loadSeconds.toFixed(0)} s, ${(writes / loadSeconds).toFixed(1)}/s; acknowledged: ${counts.acknowledged}; reads: ${counts.reads}`,
  );
  console.log(
    `  HTTP attempts: ${attempts.length}; by status: ${[...summary.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status || 'no answer'}=${n}`)
      .join(', ')}`,
  );
  console.log(
    `  creates without 200: ${unacknowledgedCreates.length} (409 idempotency_key_in_use: ${counts.keyInUse}; committed anyway: ${verdict.committedUnacknowledged}); writes that outlasted the SDK retries: ${counts.retriedByClient}`,
  );
  console.log(`  write latency before the first fault: ${writeLatency(loadStartedAt, faults[0]!.at)}`);
  console.log(`  write latency over the whole run:     ${writeLatency(loadStartedAt, loadEndedAt)}`);
  for (const fault of faults) {
    const measured = recovery(fault);
    console.log(
      `  ${fault.name}: ${measured.failures} failed attempts, disruption ${seconds(measured.disruptionMs)}, first acknowledged write after ${measured.firstWriteMs === undefined ? 'none' : seconds(measured.firstWriteMs)}, slowest attempt ${seconds(measured.slowestMs)}`,
    );
  }
  const failovers = writerFailovers();
  console.log(
    `  writer failover (SIGKILL db1, ${failovers.length} kills): disruption median ${seconds(median(failovers))}, each ${failovers.map(seconds).join(', ')}`,
  );
  console.log(
    `  db1 rejoined in ${seconds(rejoin.ms)} by ${rejoin.transfer}: wsrep_cluster_size ${rejoin.size}, ${rejoin.state}`,
  );
  const noAnswers = attempts.flatMap((attempt) =>
    attempt.error ? [`t+${seconds(attempt.startedAt - loadStartedAt)} no answer: ${attempt.error}`] : [],
  );
  for (const problem of [...noAnswers, ...counts.unexpected, ...verdict.problems].slice(0, 20))
    console.log(`  ! ${problem}`);
}

function checkOutcome(verdict: Verdict, summary: Summary, rejoin: Rejoin): void {
  const { unavailable, other5xx, noAnswer, cutCreates, withoutRetryAfter } = summary;
  const [first, ...others] = verdict.checksums;
  console.log('\nassertions');
  check(verdict.lost === 0, `lost acknowledged writes: ${verdict.lost} (of ${counts.acknowledged})`);
  const failovers = writerFailovers();
  check(
    median(failovers) <= settings.writerFailoverBudgetMs,
    `writer failover disruption, median of ${failovers.length} SIGKILLs: ${seconds(median(failovers))} (at most ${seconds(settings.writerFailoverBudgetMs)}; each ${failovers.map(seconds).join(', ')})`,
  );
  check(verdict.duplicated === 0, `duplicated: ${verdict.duplicated}`);
  check(verdict.phantoms === 0, `groups nobody created: ${verdict.phantoms}`);
  check(
    verdict.partialCreates === 0,
    `creates without 200 that were committed, but not whole: ${verdict.partialCreates} (of ${verdict.committedUnacknowledged})`,
  );
  check(
    verdict.auditMismatches === 0,
    `audit log replays to the stored state: ${verdict.groupsChecked - verdict.auditMismatches} of ${verdict.groupsChecked} groups (${verdict.auditEvents} events)`,
  );
  check(other5xx === 0, `5xx other than 503: ${other5xx}`);
  check(
    noAnswer.length === cutCreates,
    `attempts without an HTTP answer: ${noAnswer.length - cutCreates} (besides ${cutCreates} create(s) cut by the API process kill)`,
  );
  check(
    !settings.requireRetryAfter || withoutRetryAfter === 0,
    `503 with Retry-After: ${unavailable.length - withoutRetryAfter} of ${unavailable.length}${settings.requireRetryAfter ? '' : ' (not required: CLUSTER_REQUIRE_RETRY_AFTER=0)'}`,
  );
  check(
    counts.unexpected.length === 0,
    `operations that failed for good or answered unexpectedly: ${counts.unexpected.length}`,
  );
  check(counts.staleReads === 0, `reads that missed an acknowledged write: ${counts.staleReads} of ${counts.reads}`);
  check(
    rejoin.size === 3 && rejoin.state === 'Synced',
    `db1 rejoined: wsrep_cluster_size ${rejoin.size}, ${rejoin.state}`,
  );
  check(
    others.every((sum) => sum === first),
    'the three nodes hold identical tables (CHECKSUM TABLE)',
  );
}

// --- Partner events ----------------------------------------------------------------------

const endpointId = 'whe_chaos';

interface Webhooks {
  receiver: Receiver;
  secret: string;
  /** Another organization's endpoint that never answers, with 1,000 deliveries queued. */
  neighbour: DeadEndpoint;
}

/**
 * A receiver on this machine, registered as the organization's endpoint in the database (the
 * production API refuses a loopback URL, rightly), and two dispatcher processes.
 */
async function startWebhooks(topology: Topology): Promise<Webhooks> {
  const receiver = await startReceiver([{ status: 204 }]);
  const secret = newSigningSecret();
  const db = knexFactory({
    client: 'mysql2',
    connection: { ...mysqlConnection(topology), port: topology.ports.db, database: databaseName },
  });
  try {
    // Sealed as the API would, under the key the dispatchers open it with.
    const secrets = createSecretBox(configSettings.webhookSecretsKeys.parse(topology.webhookSecretsKey)!);
    await insertEndpoint(
      db,
      newEndpoint({ id: endpointId, orgId, url: `${receiver.url}/chaos`, secret }, new Date(), secrets),
    );
    const neighbour = await startDeadEndpoint(db, secrets);
    for (const dispatcher of topology.dispatchers) dispatcher.start();
    return { receiver, secret, neighbour };
  } finally {
    await db.destroy();
  }
}

/** Waits until the receiver got every event of the organization (claims of the killed dispatcher lapse first). */
async function eventVerdict(topology: Topology, webhooks: Webhooks, loadEndedAt: number) {
  const db = knexFactory({ client: 'mysql2', connection: { ...mysqlConnection(topology), database: databaseName } });
  try {
    const ids = async () => (await db('change_events').where({ org_id: orgId }).pluck('id')) as string[];
    const got = () => new Set(webhooks.receiver.received.map((receipt) => String(receipt.headers['webhook-id'])));
    let allDeliveredAfterMs: number | undefined;
    try {
      await waitUntil(
        'every event delivered',
        120_000,
        async () => {
          const missing = (await ids()).filter((id) => !got().has(id));
          return missing.length === 0 ? true : undefined;
        },
        500,
      );
      allDeliveredAfterMs = Date.now() - loadEndedAt;
    } catch {
      // Counted as undelivered below.
    }
    const verdict = await verifyEvents(db, orgId, endpointId, webhooks.secret, webhooks.receiver.received);
    const neighbour = { ...(await webhooks.neighbour.state(db)), mostOpen: webhooks.neighbour.mostOpen() };
    return { ...verdict, allDeliveredAfterMs, receipts: webhooks.receiver.received.length, neighbour };
  } finally {
    await db.destroy();
  }
}

/** The chaos organization's last event may reach its receiver this long after the load, at most. */
const DELIVERED_WITHIN_MS = 45_000;

function checkEvents(events: Awaited<ReturnType<typeof eventVerdict>>, acknowledged: number): void {
  console.log(
    `  events: ${events.events} for ${acknowledged} acknowledged writes (and the committed creates without 200); receipts ${events.receipts}, duplicates ${events.duplicates}; every event received ${events.allDeliveredAfterMs === undefined ? 'never' : `${seconds(events.allDeliveredAfterMs)} after the load ended`}`,
  );
  const { neighbour } = events;
  console.log(
    `  noisy neighbour (${neighbourOrgId}, an endpoint that never answers, 1,000 deliveries queued): ${neighbour.attempts} attempts, at most ${neighbour.mostOpen} connections open at once, ${neighbour.consecutive_failures} failures in a row, paused until ${neighbour.paused_until ? new Date(neighbour.paused_until).toISOString() : 'not paused'}`,
  );
  check(
    neighbour.mostOpen <= 4 && neighbour.consecutive_failures >= 5 && neighbour.paused_until !== null,
    `the dead endpoint held at most 4 connections (${neighbour.mostOpen}) and was paused after ${neighbour.consecutive_failures} failures in a row`,
  );
  check(
    events.allDeliveredAfterMs !== undefined && events.allDeliveredAfterMs <= DELIVERED_WITHIN_MS,
    `every chaos event reached its receiver within ${seconds(DELIVERED_WITHIN_MS)} of the load's end, the neighbour notwithstanding (the killed dispatcher's claims lapse after 32 s)`,
  );
  for (const groupId of events.groupsOff.slice(0, 10))
    console.log(`  ! ${groupId}: its events do not tell its changes`);
  check(
    events.groupsOff.length === 0,
    `every group's events number 1…n, open with its creation, close with its deletion iff deleted, and replay to its members: ${events.groupsOff.length} groups off`,
  );
  check(
    events.auditUntold === 0 && events.auditToldTwice === 0,
    `every committed change has exactly one event (audit events told by none: ${events.auditUntold}, by two: ${events.auditToldTwice})`,
  );
  check(events.queuedOff === 0, `every event has exactly one delivery queued: ${events.queuedOff} without`);
  check(
    events.undelivered === 0 && events.unverified === 0,
    `every event reached the receiver at least once, signed: ${events.events - events.undelivered} of ${events.events} (receipts that did not verify: ${events.unverified})`,
  );
}

async function run(topology: Topology): Promise<void> {
  const startedAt = Date.now();
  console.log(`cluster test in ${topology.dir}`);
  console.log(
    `  service commands: migrate "${serviceCommands.migrate}", start "${serviceCommands.start}", dispatch "${serviceCommands.dispatch}"`,
  );
  await setUpDatabase(topology, startedAt);
  await checkReplicationReadiness(topology);
  await checkHaproxyWithoutApis(topology);

  const webhooks = await startWebhooks(topology);
  try {
    await topology.startApis();
    await Promise.all(topology.apis.map((api) => waitForHaproxy(topology, `api/${api.name}`, 'UP', 30_000)));
    console.log(
      `  3 API processes and 2 webhook dispatchers ready behind HAProxy after ${seconds(Date.now() - startedAt)}`,
    );

    const { rejoin, loadEndedAt } = await loadThroughFaults(topology);
    const summary = attemptSummary();
    const verdict = await databaseVerdict(topology);
    const events = await eventVerdict(topology, webhooks, loadEndedAt);
    printResults(verdict, summary, rejoin, loadEndedAt);
    checkOutcome(verdict, summary, rejoin);
    checkEvents(events, counts.acknowledged);
  } finally {
    await webhooks.receiver.close();
    await webhooks.neighbour.close();
  }
  console.log(`\ncluster test took ${seconds(Date.now() - startedAt)}`);
}

/** HAProxy's read port: any Synced node. */
function mysqlConnection(topology: Topology) {
  const url = new URL(topology.databaseUrl);
  return { host: url.hostname, port: topology.ports.dbRead, user: url.username, password: url.password };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/** Latency of acknowledged write attempts started in [from, to). */
function writeLatency(from: number, to: number): string {
  const times = attempts
    .filter(
      (attempt) => isWrite(attempt) && attempt.status < 300 && attempt.startedAt >= from && attempt.startedAt < to,
    )
    .map((attempt) => attempt.endedAt - attempt.startedAt);
  return `p50 ${percentile(times, 0.5)} ms, p95 ${percentile(times, 0.95)} ms, p99 ${percentile(times, 0.99)} ms (${times.length} writes)`;
}

const missing = missingPackages();
if (missing.length > 0) {
  console.error(
    `cluster test needs the Debian packages: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`,
  );
  process.exit(1);
}

const topology = await Topology.create();
let cleaning: Promise<void> | undefined;
// A failed run keeps its folder: the processes' logs are what tells why.
const cleanUp = () => (cleaning ??= topology.destroy({ keep: results.some((result) => !result.ok) }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the cluster`);
    void cleanUp().finally(() => process.exit(130));
  });
}
try {
  await run(topology);
} catch (error) {
  results.push({ ok: false, text: 'run' });
  console.error(`\ncluster test aborted: ${(error as Error).stack ?? String(error)}`);
} finally {
  await cleanUp();
}
const failed = results.filter((result) => !result.ok).length;
console.log(`cluster-test: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
