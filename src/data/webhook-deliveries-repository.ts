// Webhook deliveries (migrations/20261204140000_webhooks.ts): queued by a change or a
// redelivery, claimed and recorded by dispatchers. The API's queries name the organization;
// the dispatcher's claim spans every organization, as the one process-wide worker it is.
import type { ChangeEventRecord, ChangeEventType } from './change-events-repository.js';
import type { Database, Executor } from './database.js';
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
  eventType: ChangeEventType;
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
  event_type: ChangeEventType;
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
  secrets: string[];
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
  event_id: string;
  event_type: ChangeEventType;
  group_id: string;
  group_sequence: number;
  data: string;
  event_created_at: Date | number;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints until `claimedUntil`. The claim is
 * one conditional update: a row another dispatcher claimed in the meantime no longer matches
 * it, so two dispatchers never hold one delivery, whatever the database (MySQL, Galera, whose
 * certification refuses the second of two conflicting claims, or SQLite). A claim outlives
 * the longest attempt; when its dispatcher dies, it lapses and another takes the delivery.
 */
export async function claimDueDeliveries(
  db: Database,
  claim: { token: string; now: Date; claimedUntil: Date; limit: number },
): Promise<ClaimedDelivery[]> {
  const due = (await db('webhook_deliveries as d')
    .join('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
    .select('d.id')
    .where({ 'd.status': 'pending', 'w.status': 'enabled' })
    .andWhere('d.next_attempt_at', '<=', claim.now)
    .andWhere((free) => {
      void free.whereNull('d.claimed_until').orWhere('d.claimed_until', '<', claim.now);
    })
    .orderBy('d.next_attempt_at')
    .limit(claim.limit)) as { id: string }[];
  if (due.length === 0) return [];
  // The claim and its read in one transaction: one connection, so on Galera the read sees the
  // claim on the node that made it.
  const rows = await inTransaction(db, async (trx) => {
    await trx('webhook_deliveries')
      .whereIn(
        'id',
        due.map((row) => row.id),
      )
      .andWhere({ status: 'pending' })
      .andWhere('next_attempt_at', '<=', claim.now)
      .andWhere((free) => {
        void free.whereNull('claimed_until').orWhere('claimed_until', '<', claim.now);
      })
      .update({ claim_token: claim.token, claimed_until: claim.claimedUntil });
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
        'e.id as event_id',
        'e.type as event_type',
        'e.group_id',
        'e.group_sequence',
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
    secrets: [
      row.secret,
      ...(row.previous_secret !== null &&
      row.previous_secret_expires_at !== null &&
      toDate(row.previous_secret_expires_at) > claim.now
        ? [row.previous_secret]
        : []),
    ],
    event: {
      id: row.event_id,
      orgId: row.org_id,
      groupId: row.group_id,
      groupSequence: Number(row.group_sequence),
      type: row.event_type,
      data: JSON.parse(row.data) as Record<string, unknown>,
      createdAt: toDate(row.event_created_at),
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

/**
 * Records an attempt of a claimed delivery and releases the claim, with the endpoint's
 * success or failure; returns false when the claim had lapsed and the delivery is another's.
 * Retried on a deadlock (Galera certifies two attempts' endpoint updates one at a time): the
 * claim token keeps a retry from recording twice.
 * A delivery that failed for good disables its endpoint when nothing succeeded there since
 * the delivery's first attempt: the endpoint failed for the whole retry schedule.
 */
export async function recordAttempt(
  db: Database,
  claimed: Pick<ClaimedDelivery, 'id' | 'claimToken' | 'orgId' | 'endpointId' | 'firstAttemptAt'>,
  attempt: AttemptRecord,
): Promise<{ recorded: boolean; endpointDisabled: boolean }> {
  return inTransaction(db, async (trx) => {
    const updated = await trx('webhook_deliveries')
      .where({ id: claimed.id, claim_token: claimed.claimToken })
      .update({
        status: attempt.outcome.status,
        attempts: trx.raw('attempts + 1'),
        next_attempt_at: attempt.outcome.status === 'pending' ? attempt.outcome.nextAttemptAt : null,
        first_attempt_at: claimed.firstAttemptAt ?? attempt.at,
        last_attempt_at: attempt.at,
        last_status_code: attempt.statusCode,
        last_latency_ms: attempt.latencyMs,
        last_error: attempt.error,
        last_response_body: attempt.responseBody,
        claim_token: null,
        claimed_until: null,
      });
    if (updated === 0) return { recorded: false, endpointDisabled: false };
    const endpoint = trx('webhook_endpoints').where({ org_id: claimed.orgId, id: claimed.endpointId });
    if (attempt.outcome.status === 'succeeded') {
      await endpoint.clone().update({ last_success_at: attempt.at, failing_since: null });
      return { recorded: true, endpointDisabled: false };
    }
    await endpoint.clone().update({ last_failure_at: attempt.at });
    await endpoint.clone().whereNull('failing_since').update({ failing_since: attempt.at });
    if (attempt.outcome.status !== 'failed') return { recorded: true, endpointDisabled: false };
    const disabled = await endpoint
      .clone()
      .where({ status: 'enabled' })
      .andWhere('failing_since', '<=', claimed.firstAttemptAt ?? attempt.at)
      .update({ status: 'disabled', disabled_reason: 'failing', updated_at: attempt.at });
    return { recorded: true, endpointDisabled: disabled > 0 };
  });
}
