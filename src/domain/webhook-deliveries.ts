// An endpoint's delivery log, redelivery and test events (admins only, like the endpoints
// themselves). Redelivery is bounded: an event goes to one endpoint again at most
// MAX_REDELIVERIES times, a pending redelivery answers a second ask, and an endpoint takes at
// most HOURLY_REQUESTS redeliveries and test events an hour, so that no admin can flood the
// dispatchers (or a receiver) through them.
import { countPingsSince, findChangeEvent } from '../data/change-events-repository.js';
import type { Database } from '../data/database.js';
import { inTransaction } from '../data/transaction.js';
import {
  countRedeliveriesSince,
  findDelivery,
  listDeliveries,
  queueDeliveries,
  redeliveriesOf,
  type DeliveryRecord,
} from '../data/webhook-deliveries-repository.js';
import type { Executor } from '../data/database.js';
import { findEndpoint, type WebhookEndpointRecord } from '../data/webhook-endpoints-repository.js';
import {
  eventNotFound,
  eventTypeNotSubscribed,
  forbidden,
  redeliveryLimitReached,
  webhookEndpointDisabled,
  webhookEndpointNotFound,
  webhookRequestsExhausted,
} from '../errors.js';
import { mayManageWebhooks } from './authorization.js';
import type { Caller } from './caller.js';
import { recordPing } from './change-events.js';
import { signalAfterCommit } from './delivery-signal.js';
import { newId } from './ids.js';
import type { PageTokens } from './page-token.js';

export const MAX_REDELIVERIES = 5;
export const HOURLY_REQUESTS = 100;
const HOUR_MS = 3600_000;

/** A delivery as the log shows it: a pending one says what it waits for, and when it is due. */
export interface LoggedDelivery extends DeliveryRecord {
  waitingFor: 'endpoint_paused' | 'endpoint_disabled' | null;
}

export interface DeliveryPage {
  deliveries: LoggedDelivery[];
  nextPageToken: string | null;
}

interface DeliveryCursor {
  /** The last delivery's creation, in epoch milliseconds, and its id. */
  c: number;
  i: string;
}

async function adminsEndpoint(db: Database, caller: Caller, endpointId: string) {
  if (!mayManageWebhooks(caller)) throw forbidden('Webhook endpoints are managed by the organization’s admins.');
  const endpoint = await findEndpoint(db, caller.orgId, endpointId);
  if (!endpoint) throw webhookEndpointNotFound(endpointId);
  return endpoint;
}

/** What a pending delivery waits for at `now`, with its due time moved past a pause. */
export function asLogged(
  delivery: DeliveryRecord,
  endpoint: Pick<WebhookEndpointRecord, 'status' | 'pausedUntil'>,
  now: Date,
): LoggedDelivery {
  if (delivery.status !== 'pending') return { ...delivery, waitingFor: null };
  if (endpoint.status === 'disabled') return { ...delivery, waitingFor: 'endpoint_disabled' };
  const pausedUntil = endpoint.pausedUntil;
  if (pausedUntil === null || pausedUntil <= now) return { ...delivery, waitingFor: null };
  const due = delivery.nextAttemptAt;
  return {
    ...delivery,
    nextAttemptAt: due === null || due < pausedUntil ? pausedUntil : due,
    waitingFor: 'endpoint_paused',
  };
}

export async function readDeliveryLog(
  deps: { db: Database; pageTokens: PageTokens; clock: () => Date },
  caller: Caller,
  endpointId: string,
  request: { pageSize: number; pageToken: string | undefined },
): Promise<DeliveryPage> {
  const endpoint = await adminsEndpoint(deps.db, caller, endpointId);
  const scope = `listWebhookDeliveries:${caller.orgId}:${endpointId}`;
  const after = request.pageToken ? deps.pageTokens.read<DeliveryCursor>(scope, request.pageToken) : undefined;
  const rows = await listDeliveries(deps.db, {
    orgId: caller.orgId,
    endpointId,
    ...(after ? { before: { createdAt: new Date(after.c), id: after.i } } : {}),
    limit: request.pageSize + 1,
  });
  const now = deps.clock();
  const deliveries = rows.slice(0, request.pageSize).map((delivery) => asLogged(delivery, endpoint, now));
  const last = deliveries.at(-1);
  return {
    deliveries,
    nextPageToken:
      rows.length > request.pageSize && last
        ? deps.pageTokens.issue(scope, { c: last.createdAt.getTime(), i: last.id } satisfies DeliveryCursor)
        : null,
  };
}

/**
 * The endpoint, enabled, locked until the transaction ends (so that two asks count one after
 * the other), with room in its hourly budget of redeliveries and test events.
 */
async function endpointWithBudget(
  trx: Executor,
  caller: Caller,
  endpointId: string,
  now: Date,
): Promise<WebhookEndpointRecord> {
  const endpoint = await findEndpoint(trx, caller.orgId, endpointId, { forUpdate: true });
  if (!endpoint) throw webhookEndpointNotFound(endpointId);
  if (endpoint.status !== 'enabled') throw webhookEndpointDisabled(endpointId);
  const since = new Date(now.getTime() - HOUR_MS);
  const used =
    (await countRedeliveriesSince(trx, { orgId: caller.orgId, endpointId, since })) +
    (await countPingsSince(trx, { orgId: caller.orgId, endpointId, since }));
  // The budget frees up as the hour's oldest asks age out; a minute is a fair wait to suggest.
  if (used >= HOURLY_REQUESTS) throw webhookRequestsExhausted(HOURLY_REQUESTS, 60);
  return endpoint;
}

/** A new delivery of an event the feed still holds, due at once; the event keeps its id. */
export async function redeliver(
  deps: { db: Database; clock: () => Date },
  caller: Caller,
  endpointId: string,
  eventId: string,
): Promise<LoggedDelivery> {
  await adminsEndpoint(deps.db, caller, endpointId);
  const now = deps.clock();
  const { id, endpoint } = await inTransaction(deps.db, async (trx) => {
    const endpoint = await endpointWithBudget(trx, caller, endpointId, now);
    const event = await findChangeEvent(trx, caller.orgId, eventId);
    if (!event || event.type === 'webhook_endpoint.ping') throw eventNotFound(eventId);
    if (endpoint.eventTypes !== null && !endpoint.eventTypes.includes(event.type))
      throw eventTypeNotSubscribed(endpointId, event.type);
    const earlier = await redeliveriesOf(trx, { orgId: caller.orgId, endpointId, eventId });
    if (earlier.pendingId !== undefined) return { id: earlier.pendingId, endpoint };
    if (earlier.count >= MAX_REDELIVERIES) throw redeliveryLimitReached(MAX_REDELIVERIES);
    const id = newId('whd');
    await queueDeliveries(trx, [{ id, orgId: caller.orgId, endpointId, eventId, redelivery: true, createdAt: now }]);
    signalAfterCommit(trx);
    return { id, endpoint };
  });
  return asLogged((await findDelivery(deps.db, caller.orgId, id))!, endpoint, now);
}

/** A `webhook_endpoint.ping` to the endpoint, due at once (or when its pause ends). */
export async function sendTestEvent(
  deps: { db: Database; clock: () => Date },
  caller: Caller,
  endpointId: string,
): Promise<LoggedDelivery> {
  await adminsEndpoint(deps.db, caller, endpointId);
  const now = deps.clock();
  const { id, endpoint } = await inTransaction(deps.db, async (trx) => {
    const endpoint = await endpointWithBudget(trx, caller, endpointId, now);
    return { id: await recordPing(trx, endpoint, 'test', now), endpoint };
  });
  return asLogged((await findDelivery(deps.db, caller.orgId, id))!, endpoint, now);
}
