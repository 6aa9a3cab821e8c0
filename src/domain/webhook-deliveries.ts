// An endpoint's delivery log and redelivery (admins only, like the endpoints themselves).
import { findChangeEvent } from '../data/change-events-repository.js';
import type { Database } from '../data/database.js';
import {
  findDelivery,
  listDeliveries,
  queueDeliveries,
  type DeliveryRecord,
} from '../data/webhook-deliveries-repository.js';
import { findEndpoint } from '../data/webhook-endpoints-repository.js';
import { eventNotFound, forbidden, webhookEndpointDisabled, webhookEndpointNotFound } from '../errors.js';
import { mayManageWebhooks } from './authorization.js';
import type { Caller } from './caller.js';
import { signalAfterCommit } from './delivery-signal.js';
import { newId } from './ids.js';
import type { PageTokens } from './page-token.js';

export interface DeliveryPage {
  deliveries: DeliveryRecord[];
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

export async function readDeliveryLog(
  deps: { db: Database; pageTokens: PageTokens },
  caller: Caller,
  endpointId: string,
  request: { pageSize: number; pageToken: string | undefined },
): Promise<DeliveryPage> {
  await adminsEndpoint(deps.db, caller, endpointId);
  const scope = `listWebhookDeliveries:${caller.orgId}:${endpointId}`;
  const after = request.pageToken ? deps.pageTokens.read<DeliveryCursor>(scope, request.pageToken) : undefined;
  const rows = await listDeliveries(deps.db, {
    orgId: caller.orgId,
    endpointId,
    ...(after ? { before: { createdAt: new Date(after.c), id: after.i } } : {}),
    limit: request.pageSize + 1,
  });
  const deliveries = rows.slice(0, request.pageSize);
  const last = deliveries.at(-1);
  return {
    deliveries,
    nextPageToken:
      rows.length > request.pageSize && last
        ? deps.pageTokens.issue(scope, { c: last.createdAt.getTime(), i: last.id } satisfies DeliveryCursor)
        : null,
  };
}

/** A new delivery of an event the feed still holds, due at once; the event keeps its id. */
export async function redeliver(
  deps: { db: Database; clock: () => Date },
  caller: Caller,
  endpointId: string,
  eventId: string,
): Promise<DeliveryRecord> {
  const endpoint = await adminsEndpoint(deps.db, caller, endpointId);
  if (endpoint.status !== 'enabled') throw webhookEndpointDisabled(endpointId);
  const event = await findChangeEvent(deps.db, caller.orgId, eventId);
  if (!event) throw eventNotFound(eventId);
  const id = newId('whd');
  await queueDeliveries(deps.db, [
    { id, orgId: caller.orgId, endpointId, eventId, redelivery: true, createdAt: deps.clock() },
  ]);
  signalAfterCommit(deps.db);
  return (await findDelivery(deps.db, caller.orgId, id))!;
}
