// Webhook endpoints (migrations/20261204140000_webhooks.ts). Every query names the organization.
import type { ChangeEventType } from './change-events-repository.js';
import type { Executor } from './database.js';
import { toDate } from './values.js';

export type EndpointStatus = 'enabled' | 'disabled';
export type DisabledReason = 'disabled_by_admin' | 'failing';

export interface WebhookEndpointRecord {
  id: string;
  orgId: string;
  url: string;
  description: string | null;
  /** null: every type, also types added later. */
  eventTypes: ChangeEventType[] | null;
  status: EndpointStatus;
  disabledReason: DisabledReason | null;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  failingSince: Date | null;
  /** The circuit breaker (src/domain/endpoint-health.ts). */
  consecutiveFailures: number;
  pausedUntil: Date | null;
  pausedSince: Date | null;
  pauseNotified: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface EndpointRow {
  id: string;
  org_id: string;
  url: string;
  description: string | null;
  event_types: string | null;
  status: EndpointStatus;
  disabled_reason: DisabledReason | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | number | null;
  last_success_at: Date | number | null;
  last_failure_at: Date | number | null;
  failing_since: Date | number | null;
  consecutive_failures: number;
  paused_until: Date | number | null;
  paused_since: Date | number | null;
  pause_notified: boolean | number;
  created_at: Date | number;
  updated_at: Date | number;
}

const optionalDate = (value: Date | number | null) => (value === null ? null : toDate(value));

function fromRow(row: EndpointRow): WebhookEndpointRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types === null ? null : (JSON.parse(row.event_types) as ChangeEventType[]),
    status: row.status,
    disabledReason: row.disabled_reason,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: optionalDate(row.previous_secret_expires_at),
    lastSuccessAt: optionalDate(row.last_success_at),
    lastFailureAt: optionalDate(row.last_failure_at),
    failingSince: optionalDate(row.failing_since),
    consecutiveFailures: Number(row.consecutive_failures),
    pausedUntil: optionalDate(row.paused_until),
    pausedSince: optionalDate(row.paused_since),
    pauseNotified: Boolean(row.pause_notified),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

type EndpointColumns = Partial<Omit<EndpointRow, 'id' | 'org_id'>>;

function toColumns(fields: Partial<Omit<WebhookEndpointRecord, 'id' | 'orgId'>>): EndpointColumns {
  const columns: EndpointColumns = {};
  if (fields.url !== undefined) columns.url = fields.url;
  if (fields.description !== undefined) columns.description = fields.description;
  if (fields.eventTypes !== undefined)
    columns.event_types = fields.eventTypes === null ? null : JSON.stringify(fields.eventTypes);
  if (fields.status !== undefined) columns.status = fields.status;
  if (fields.disabledReason !== undefined) columns.disabled_reason = fields.disabledReason;
  if (fields.secret !== undefined) columns.secret = fields.secret;
  if (fields.previousSecret !== undefined) columns.previous_secret = fields.previousSecret;
  if (fields.previousSecretExpiresAt !== undefined) columns.previous_secret_expires_at = fields.previousSecretExpiresAt;
  if (fields.lastSuccessAt !== undefined) columns.last_success_at = fields.lastSuccessAt;
  if (fields.lastFailureAt !== undefined) columns.last_failure_at = fields.lastFailureAt;
  if (fields.failingSince !== undefined) columns.failing_since = fields.failingSince;
  if (fields.consecutiveFailures !== undefined) columns.consecutive_failures = fields.consecutiveFailures;
  if (fields.pausedUntil !== undefined) columns.paused_until = fields.pausedUntil;
  if (fields.pausedSince !== undefined) columns.paused_since = fields.pausedSince;
  if (fields.pauseNotified !== undefined) columns.pause_notified = fields.pauseNotified;
  if (fields.createdAt !== undefined) columns.created_at = fields.createdAt;
  if (fields.updatedAt !== undefined) columns.updated_at = fields.updatedAt;
  return columns;
}

export async function insertEndpoint(db: Executor, endpoint: WebhookEndpointRecord): Promise<void> {
  await db('webhook_endpoints').insert({ id: endpoint.id, org_id: endpoint.orgId, ...toColumns(endpoint) });
}

export async function countEndpoints(db: Executor, orgId: string): Promise<number> {
  const row = (await db('webhook_endpoints').where({ org_id: orgId }).count({ count: '*' }).first()) as
    { count: number | string } | undefined;
  return Number(row?.count ?? 0);
}

/** The organization's endpoints, oldest first. */
export async function listEndpoints(db: Executor, orgId: string): Promise<WebhookEndpointRecord[]> {
  const rows = await db<EndpointRow>('webhook_endpoints')
    .select('*')
    .where({ org_id: orgId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(fromRow);
}

export async function findEndpoint(
  db: Executor,
  orgId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WebhookEndpointRecord | undefined> {
  const query = db<EndpointRow>('webhook_endpoints').where({ org_id: orgId, id });
  if (options.forUpdate) query.forUpdate();
  const row = await query.first();
  return row && fromRow(row);
}

export async function updateEndpoint(
  db: Executor,
  orgId: string,
  id: string,
  fields: Partial<Omit<WebhookEndpointRecord, 'id' | 'orgId'>>,
): Promise<void> {
  await db('webhook_endpoints').where({ org_id: orgId, id }).update(toColumns(fields));
}

/** Paused endpoints now, for the metrics' gauge. */
export async function countPausedEndpoints(db: Executor, now: Date): Promise<number> {
  const row = (await db('webhook_endpoints')
    .where({ status: 'enabled' })
    .andWhere('paused_until', '>', now)
    .count({ count: '*' })
    .first()) as { count: number | string } | undefined;
  return Number(row?.count ?? 0);
}

/** Deletes the endpoint with its deliveries; returns whether there was one. */
export async function deleteEndpoint(db: Executor, orgId: string, id: string): Promise<boolean> {
  await db('webhook_deliveries').where({ org_id: orgId, endpoint_id: id }).delete();
  return (await db('webhook_endpoints').where({ org_id: orgId, id }).delete()) > 0;
}

/** Holds the organization's row: creates that count the endpoints first go one at a time. */
export async function lockEndpointsOf(db: Executor, orgId: string): Promise<void> {
  await db('organizations').where({ id: orgId }).forUpdate().first('id');
}

/** The enabled endpoints of an organization with what they subscribe to: a change's fan-out. */
export async function enabledEndpoints(
  db: Executor,
  orgId: string,
): Promise<Pick<WebhookEndpointRecord, 'id' | 'eventTypes'>[]> {
  const rows = (await db('webhook_endpoints')
    .select('id', 'event_types')
    .where({ org_id: orgId, status: 'enabled' })) as Pick<EndpointRow, 'id' | 'event_types'>[];
  return rows.map((row) => ({
    id: row.id,
    eventTypes: row.event_types === null ? null : (JSON.parse(row.event_types) as ChangeEventType[]),
  }));
}
