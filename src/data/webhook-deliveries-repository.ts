// Webhook deliveries (migrations/20261204140000_webhooks.ts): queued by a change or a
// redelivery, claimed and recorded by dispatchers. The API's queries name the organization;
// the dispatcher's claim spans every organization, as the one process-wide worker it is.
import type { Knex } from 'knex';
import { storedPayload, type ChangeEventRecord, type StoredEventType } from './change-events-repository.js';
import { isMysql, type Database, type Executor } from './database.js';
import { inTransaction } from './transaction.js';
import { toDate } from './values.js';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';
export type AttemptError = 'http_status' | 'timeout' | 'connection_failed' | 'dns_failed' | 'blocked_address';

export interface NewDelivery {
  id: string;
  orgId: string;
  endpointId: string;
  eventId: string;
  redelivery: boolean;
  createdAt: Date;
}

export interface DeliveryRecord extends NewDelivery {
  eventType: StoredEventType;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: AttemptError | null;
  lastResponseBody: string | null;
}

interface DeliveryRow {
  id: string;
  org_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: StoredEventType;
  redelivery: boolean | number;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | number | null;
  first_attempt_at: Date | number | null;
  last_attempt_at: Date | number | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: AttemptError | null;
  last_response_body: string | null;
  created_at: Date | number;
}

const optionalDate = (value: Date | number | null) => (value === null ? null : toDate(value));

function fromRow(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    redelivery: Boolean(row.redelivery),
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: optionalDate(row.next_attempt_at),
    lastAttemptAt: optionalDate(row.last_attempt_at),
    lastStatusCode: row.last_status_code,
    lastLatencyMs: row.last_latency_ms,
    lastError: row.last_error,
    lastResponseBody: row.last_response_body,
    createdAt: toDate(row.created_at),
  };
}

/** Queues deliveries, each due at once. */
export async function queueDeliveries(db: Executor, deliveries: NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await db('webhook_deliveries').insert(
    deliveries.map((delivery) => ({
      id: delivery.id,
      org_id: delivery.orgId,
      endpoint_id: delivery.endpointId,
      event_id: delivery.eventId,
      redelivery: delivery.redelivery,
      status: 'pending',
      attempts: 0,
      next_attempt_at: delivery.createdAt,
      created_at: delivery.createdAt,
    })),
  );
}

const withEventType = (db: Executor) =>
  db('webhook_deliveries as d').join('change_events as e', 'e.id', 'd.event_id').select('d.*', 'e.type as event_type');

export async function findDelivery(db: Executor, orgId: string, id: string): Promise<DeliveryRecord | undefined> {
  const row = (await withEventType(db).where({ 'd.org_id': orgId, 'd.id': id }).first()) as DeliveryRow | undefined;
  return row && fromRow(row);
}

/** An endpoint's deliveries, newest first (by creation, then id), after a page's last one. */
export async function listDeliveries(
  db: Executor,
  query: { orgId: string; endpointId: string; before?: { createdAt: Date; id: string }; limit: number },
): Promise<DeliveryRecord[]> {
  const builder = withEventType(db).where({ 'd.org_id': query.orgId, 'd.endpoint_id': query.endpointId });
  if (query.before) {
    const { createdAt, id } = query.before;
    builder.andWhere((older) => {
      void older.where('d.created_at', '<', createdAt).orWhere((same) => {
        void same.where('d.created_at', createdAt).andWhere('d.id', '<', id);
      });
    });
  }
  const rows = (await builder
    .orderBy([
      { column: 'd.created_at', order: 'desc' },
      { column: 'd.id', order: 'desc' },
    ])
    .limit(query.limit)) as DeliveryRow[];
  return rows.map(fromRow);
}

/** What a dispatcher needs to make one attempt. */
export interface ClaimedDelivery {
  id: string;
  claimToken: string;
  orgId: string;
  endpointId: string;
  /** Attempts made before this one. */
  attempts: number;
  firstAttemptAt: Date | null;
  url: string;
  /** The stored secrets: the current one, and the one a rotation replaced while it still signs. */
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  /** The endpoint's health as the claim read it (src/domain/endpoint-health.ts). */
  endpointHealth: {
    consecutiveFailures: number;
    pausedSince: Date | null;
    failingSince: Date | null;
    lastSuccessAt: Date | null;
  };
  event: ChangeEventRecord;
}

interface ClaimedRow {
  id: string;
  org_id: string;
  endpoint_id: string;
  attempts: number;
  first_attempt_at: Date | number | null;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | number | null;
  consecutive_failures: number;
  paused_since: Date | number | null;
  failing_since: Date | number | null;
  last_success_at: Date | number | null;
  event_id: string;
  event_type: StoredEventType;
  subject_id: string;
  subject_sequence: number;
  data: string;
  event_created_at: Date | number;
}

/** An endpoint with pending deliveries, its earliest one due, that may be sent to now. */
export interface DueEndpoint {
  endpointId: string;
  orgId: string;
  dueAt: Date;
  /** Its pause has ended and no attempt told yet whether it is well again. */
  probing: boolean;
}

/**
 * The enabled endpoints, not paused, with a delivery due. Each endpoint's earliest pending
 * delivery is the first entry of its range of (status, endpoint_id, next_attempt_at): one
 * index dive per endpoint, however many deliveries wait behind it.
 */
export async function dueEndpoints(db: Executor, now: Date): Promise<DueEndpoint[]> {
  const earliest = db('webhook_deliveries as d')
    .select('d.next_attempt_at')
    .where('d.status', 'pending')
    .andWhere('d.endpoint_id', db.ref('w.id'))
    .orderBy('d.next_attempt_at')
    .limit(1);
  const endpoints = db('webhook_endpoints as w')
    .select('w.id', 'w.org_id', 'w.paused_until', earliest.as('due_at'))
    .where('w.status', 'enabled')
    .andWhere((notPaused) => {
      void notPaused.whereNull('w.paused_until').orWhere('w.paused_until', '<=', now);
    })
    .as('e');
  const rows = (await db.select('*').from(endpoints).where('e.due_at', '<=', now)) as {
    id: string;
    org_id: string;
    paused_until: Date | number | null;
    due_at: Date | number;
  }[];
  return rows.map((row) => ({
    endpointId: row.id,
    orgId: row.org_id,
    dueAt: toDate(row.due_at),
    probing: row.paused_until !== null,
  }));
}

/** Attempts under way now (live claims of every dispatcher), per endpoint and per organization. */
export async function liveClaims(
  db: Executor,
  now: Date,
): Promise<{ byEndpoint: Map<string, number>; byOrganization: Map<string, number> }> {
  const rows = await db('webhook_deliveries as d')
    .join('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
    .select('d.endpoint_id', 'w.org_id')
    .count<{ endpoint_id: string; org_id: string; count: number | string }[]>({ count: '*' })
    .where('d.claimed_until', '>', now)
    .groupBy('d.endpoint_id', 'w.org_id');
  const byEndpoint = new Map<string, number>();
  const byOrganization = new Map<string, number>();
  for (const row of rows) {
    byEndpoint.set(row.endpoint_id, Number(row.count));
    byOrganization.set(row.org_id, (byOrganization.get(row.org_id) ?? 0) + Number(row.count));
  }
  return { byEndpoint, byOrganization };
}

const claimable = (builder: Knex.QueryBuilder, now: Date) =>
  builder
    .where('status', 'pending')
    .andWhere('next_attempt_at', '<=', now)
    .andWhere((free) => {
      void free.whereNull('claimed_until').orWhere('claimed_until', '<', now);
    });

/**
 * Claims, until `claimedUntil`, up to `take` due deliveries of each endpoint, earliest first,
 * never past the endpoint's `cap` of live claims. One transaction writes every endpoint it
 * takes from first: a second dispatcher claiming from one of them waits for it (InnoDB), or
 * is refused at certification and retried (Galera), and then counts its claims. The claim
 * itself is a conditional update, so two dispatchers never hold one delivery. A claim
 * outlives the longest attempt; when its dispatcher dies, it lapses and another takes the
 * delivery. Each endpoint's rows come from a range read of (status, endpoint_id,
 * next_attempt_at) that stops at `take`: the cost does not grow with the backlog.
 */
export async function claimDeliveries(
  db: Database,
  claim: { token: string; now: Date; claimedUntil: Date; shares: { endpointId: string; take: number; cap: number }[] },
): Promise<ClaimedDelivery[]> {
  const shares = [...claim.shares].sort((a, b) => (a.endpointId < b.endpointId ? -1 : 1));
  if (shares.length === 0) return [];
  const endpointIds = shares.map((share) => share.endpointId);
  const rows = await inTransaction(db, async (trx) => {
    // Endpoint rows in one order, so that two claims never hold them the other way round.
    await trx('webhook_endpoints').whereIn('id', endpointIds).update({ last_claim_at: claim.now });
    const live = await trx('webhook_deliveries')
      .select('endpoint_id')
      .count<{ endpoint_id: string; count: number | string }[]>({ count: '*' })
      .whereIn('endpoint_id', endpointIds)
      .andWhere('claimed_until', '>', claim.now)
      .groupBy('endpoint_id');
    const liveOf = new Map(live.map((row) => [row.endpoint_id, Number(row.count)]));
    // Read again under the lock: an endpoint disabled or paused since the shares were made
    // gets nothing, and one whose pause just ended one probe.
    const states = await trx('webhook_endpoints')
      .select('id', 'status', 'paused_until')
      .whereIn('id', endpointIds)
      .then(
        (rows: { id: string; status: string; paused_until: Date | number | null }[]) =>
          new Map(rows.map((row) => [row.id, row])),
      );
    const capOf = (share: { endpointId: string; cap: number }) => {
      const state = states.get(share.endpointId);
      if (!state || state.status !== 'enabled') return 0;
      if (state.paused_until === null) return share.cap;
      return toDate(state.paused_until) <= claim.now ? 1 : 0;
    };
    const reads = shares
      .map((share) => ({ ...share, take: Math.min(share.take, capOf(share) - (liveOf.get(share.endpointId) ?? 0)) }))
      .filter((share) => share.take > 0)
      .map((share) =>
        claimable(trx('webhook_deliveries').select('id').where('endpoint_id', share.endpointId), claim.now)
          .orderBy('next_attempt_at')
          .limit(share.take),
      );
    if (reads.length === 0) return [];
    // Each read in its own derived table: both MySQL and SQLite then keep its ORDER BY and LIMIT.
    const [first, ...rest] = reads.map((read, index) => trx.select('id').from(read.as(`e${index}`)));
    const due = (await (rest.length > 0 ? first!.unionAll(rest) : first!)) as { id: string }[];
    if (due.length === 0) return [];
    await claimable(
      trx('webhook_deliveries').whereIn(
        'id',
        due.map((row) => row.id),
      ),
      claim.now,
    ).update({ claim_token: claim.token, claimed_until: claim.claimedUntil });
    // The claim and its read in one transaction: one connection, so on Galera the read sees the
    // claim on the node that made it.
    return (await trx('webhook_deliveries as d')
      .join('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
      .join('change_events as e', 'e.id', 'd.event_id')
      .select(
        'd.id',
        'd.org_id',
        'd.endpoint_id',
        'd.attempts',
        'd.first_attempt_at',
        'w.url',
        'w.secret',
        'w.previous_secret',
        'w.previous_secret_expires_at',
        'w.consecutive_failures',
        'w.paused_since',
        'w.failing_since',
        'w.last_success_at',
        'e.id as event_id',
        'e.type as event_type',
        'e.subject_id',
        'e.subject_sequence',
        'e.data',
        'e.created_at as event_created_at',
      )
      .where({ 'd.claim_token': claim.token })) as ClaimedRow[];
  });
  return rows.map((row) => ({
    id: row.id,
    claimToken: claim.token,
    orgId: row.org_id,
    endpointId: row.endpoint_id,
    attempts: Number(row.attempts),
    firstAttemptAt: optionalDate(row.first_attempt_at),
    url: row.url,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: optionalDate(row.previous_secret_expires_at),
    endpointHealth: {
      consecutiveFailures: Number(row.consecutive_failures),
      pausedSince: optionalDate(row.paused_since),
      failingSince: optionalDate(row.failing_since),
      lastSuccessAt: optionalDate(row.last_success_at),
    },
    event: {
      id: row.event_id,
      orgId: row.org_id,
      subjectId: row.subject_id,
      sequence: Number(row.subject_sequence),
      createdAt: toDate(row.event_created_at),
      ...storedPayload(row.event_type, row.data),
    },
  }));
}

/** Gives back a claim's deliveries unsent (a dispatcher that stopped while claiming). */
export async function releaseClaims(db: Database, token: string): Promise<void> {
  await db('webhook_deliveries').where({ claim_token: token }).update({ claim_token: null, claimed_until: null });
}

export interface AttemptRecord {
  at: Date;
  statusCode: number | null;
  latencyMs: number;
  error: AttemptError | null;
  responseBody: string | null;
  /** succeeded, failed (the schedule is over), or pending with the next attempt's time. */
  outcome: { status: 'succeeded' } | { status: 'failed' } | { status: 'pending'; nextAttemptAt: Date };
}

const recordAttemptSql = `update webhook_deliveries set status = ?, attempts = attempts + 1, next_attempt_at = ?,
  first_attempt_at = ?, last_attempt_at = ?, last_status_code = ?, last_latency_ms = ?, last_error = ?,
  last_response_body = ?, claim_token = null, claimed_until = null where id = ? and claim_token = ?`;

/** Rows an UPDATE sent with `raw` changed: mysql2 answers a result header, better-sqlite3 a run result. */
function changedRows(result: unknown): number {
  const [header] = Array.isArray(result) ? (result as [{ affectedRows?: number }]) : [undefined];
  return header?.affectedRows ?? (result as { changes?: number }).changes ?? 0;
}

/**
 * Records an attempt of a claimed delivery and releases the claim; returns false when the
 * claim had lapsed and the delivery is another's (the claim token keeps a retried
 * transaction from recording twice).
 */
export async function recordAttempt(
  db: Executor,
  claimed: Pick<ClaimedDelivery, 'id' | 'claimToken' | 'firstAttemptAt'>,
  attempt: AttemptRecord,
): Promise<boolean> {
  // One fixed statement, the dispatcher's most frequent: written out rather than built each time.
  const result: unknown = await db.raw(recordAttemptSql, [
    attempt.outcome.status,
    attempt.outcome.status === 'pending' ? attempt.outcome.nextAttemptAt : null,
    claimed.firstAttemptAt ?? attempt.at,
    attempt.at,
    attempt.statusCode,
    attempt.latencyMs,
    attempt.error,
    attempt.responseBody,
    claimed.id,
    claimed.claimToken,
  ]);
  return changedRows(result) > 0;
}

/** A success to record, with the claim it was made under. */
export interface RecordedSuccess {
  id: string;
  claimToken: string;
  firstAttemptAt: Date;
  at: Date;
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
}

/**
 * Records successes in one statement (MySQL's multi-table UPDATE, SQLite's UPDATE … FROM) and
 * releases their claims; returns the ids it recorded: a delivery whose claim lapsed meanwhile
 * is another dispatcher's, and is left as it is.
 */
export async function recordSuccesses(db: Executor, successes: RecordedSuccess[]): Promise<Set<string>> {
  if (successes.length === 0) return new Set();
  const values = successes.map(
    () => 'select ? as id, ? as token, ? as first_at, ? as at, ? as code, ? as latency, ? as body',
  );
  const bindings = successes.flatMap((success) => [
    success.id,
    success.claimToken,
    success.firstAttemptAt,
    success.at,
    success.statusCode,
    success.latencyMs,
    success.responseBody,
  ]);
  const assignments = (d: string) =>
    `${d}status = 'succeeded', ${d}attempts = ${d}attempts + 1, ${d}next_attempt_at = null,
     ${d}first_attempt_at = v.first_at, ${d}last_attempt_at = v.at, ${d}last_status_code = v.code,
     ${d}last_latency_ms = v.latency, ${d}last_error = null, ${d}last_response_body = v.body,
     ${d}claim_token = null, ${d}claimed_until = null`;
  const sql = isMysql(db)
    ? `update webhook_deliveries d join (${values.join(' union all ')}) v on d.id = v.id and d.claim_token = v.token
       set ${assignments('d.')}`
    : `update webhook_deliveries set ${assignments('')} from (${values.join(' union all ')}) as v
       where webhook_deliveries.id = v.id and webhook_deliveries.claim_token = v.token`;
  const changed = changedRows(await db.raw(sql, bindings));
  if (changed === successes.length) return new Set(successes.map((success) => success.id));
  // Some claim lapsed: the rows that now carry this attempt are the ones recorded.
  const rows = (await db('webhook_deliveries')
    .select('id', 'last_attempt_at', 'claim_token')
    .whereIn(
      'id',
      successes.map((success) => success.id),
    )) as { id: string; last_attempt_at: Date | number | null; claim_token: string | null }[];
  const at = new Map(successes.map((success) => [success.id, success.at.getTime()]));
  return new Set(
    rows
      .filter(
        (row) =>
          row.claim_token === null &&
          row.last_attempt_at !== null &&
          toDate(row.last_attempt_at).getTime() === at.get(row.id),
      )
      .map((row) => row.id),
  );
}

/** Moves an endpoint's last success forward; a later one already written stands. */
export async function recordEndpointSuccess(db: Executor, endpointId: string, at: Date): Promise<void> {
  await db('webhook_endpoints')
    .where({ id: endpointId })
    .andWhere((earlier) => {
      void earlier.whereNull('last_success_at').orWhere('last_success_at', '<', at);
    })
    .update({ last_success_at: at });
}

/** Redeliveries of an event to an endpoint: how many there were, and the one still pending. */
export async function redeliveriesOf(
  db: Executor,
  query: { orgId: string; endpointId: string; eventId: string },
): Promise<{ count: number; pendingId: string | undefined }> {
  const rows = (await db('webhook_deliveries')
    .select('id', 'status')
    .where({ org_id: query.orgId, endpoint_id: query.endpointId, redelivery: true, event_id: query.eventId })) as {
    id: string;
    status: DeliveryStatus;
  }[];
  return { count: rows.length, pendingId: rows.find((row) => row.status === 'pending')?.id };
}

/** How many redeliveries to an endpoint were queued since `since`. */
export async function countRedeliveriesSince(
  db: Executor,
  query: { orgId: string; endpointId: string; since: Date },
): Promise<number> {
  const row = (await db('webhook_deliveries')
    .where({ org_id: query.orgId, endpoint_id: query.endpointId, redelivery: true })
    .andWhere('created_at', '>=', query.since)
    .count({ count: '*' })
    .first()) as { count: number | string } | undefined;
  return Number(row?.count ?? 0);
}
