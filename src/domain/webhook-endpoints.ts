// Webhook endpoints: registering, reading, changing, rotating the secret of and deleting an
// organization's endpoints. Admins only (docs/decisions.md, Events); another organization's
// endpoint is never loaded, so it is "not found".
import { randomBytes } from 'node:crypto';
import type { ChangeEventType } from '../data/change-events-repository.js';
import type { Database } from '../data/database.js';
import { inTransaction } from '../data/transaction.js';
import * as endpoints from '../data/webhook-endpoints-repository.js';
import type { WebhookEndpointRecord } from '../data/webhook-endpoints-repository.js';
import { forbidden, invalidInput, webhookEndpointLimitReached, webhookEndpointNotFound } from '../errors.js';
import { mayManageWebhooks } from './authorization.js';
import type { Caller } from './caller.js';
import { recordPing } from './change-events.js';
import { newId } from './ids.js';
import type { SecretBox } from '../lib/secret-box.js';
import { refusalOfTarget, type ResolveHost, type TargetPolicy } from './webhook-targets.js';

export const MAX_ENDPOINTS_PER_ORGANIZATION = 16;
/** How long a rotated-out secret still signs deliveries. */
export const PREVIOUS_SECRET_HOURS = 24;

export interface WebhookDependencies {
  db: Database;
  clock: () => Date;
  targets: TargetPolicy;
  /** Resolves an endpoint's host name when it is registered (src/app.ts gives one); absent, names are let through. */
  resolveHost?: ResolveHost;
  /** Seals signing secrets before they are stored: records hold them sealed (SECURITY.md, Secrets at rest). */
  secrets: SecretBox;
}

export interface EndpointInput {
  url: string;
  eventTypes?: ChangeEventType[] | null;
  description?: string | null;
}

export interface EndpointChange extends Partial<EndpointInput> {
  status?: endpoints.EndpointStatus;
}

/** A new signing secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks libraries read it. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const eventTypeOrder: ChangeEventType[] = [
  'group.created',
  'group.updated',
  'group.deleted',
  'group.members_changed',
  'webhook_endpoint.paused',
  'webhook_endpoint.resumed',
  'webhook_endpoint.disabled',
];
const inTypeOrder = (types: ChangeEventType[] | null | undefined) =>
  types == null ? null : eventTypeOrder.filter((type) => types.includes(type));

function requireAdmin(caller: Caller): void {
  if (!mayManageWebhooks(caller)) throw forbidden('Webhook endpoints are managed by the organization’s admins.');
}

async function checkTarget(deps: WebhookDependencies, url: string): Promise<void> {
  const refusal = await refusalOfTarget(url, deps.targets, deps.resolveHost);
  if (refusal) throw invalidInput(`The endpoint URL ${refusal}.`, [{ field: 'url', message: refusal }]);
}

async function existingEndpoint(db: Database, caller: Caller, id: string): Promise<WebhookEndpointRecord> {
  const endpoint = await endpoints.findEndpoint(db, caller.orgId, id);
  if (!endpoint) throw webhookEndpointNotFound(id);
  return endpoint;
}

/** An endpoint as it is first stored: enabled, with a new secret unless one is given (in plain text), sealed. */
export function newEndpoint(
  fields: Pick<WebhookEndpointRecord, 'orgId' | 'url'> &
    Partial<Pick<WebhookEndpointRecord, 'id' | 'description' | 'eventTypes' | 'secret'>>,
  now: Date,
  secrets: Pick<SecretBox, 'seal'>,
): WebhookEndpointRecord {
  const id = fields.id ?? newId('whe');
  return {
    id,
    orgId: fields.orgId,
    url: fields.url,
    description: fields.description ?? null,
    eventTypes: inTypeOrder(fields.eventTypes),
    status: 'enabled',
    disabledReason: null,
    secret: secrets.seal(fields.secret ?? newSigningSecret(), id),
    previousSecret: null,
    previousSecretExpiresAt: null,
    lastSuccessAt: null,
    lastFailureAt: null,
    failingSince: null,
    consecutiveFailures: 0,
    pausedUntil: null,
    pausedSince: null,
    pauseNotified: false,
    createdAt: now,
    updatedAt: now,
  };
}

export async function createEndpoint(
  deps: WebhookDependencies,
  caller: Caller,
  input: EndpointInput,
): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
  requireAdmin(caller);
  // Counted before the host is looked up, so that a full organization waits for no DNS;
  // counted again below, under the lock, where it is the rule.
  if ((await endpoints.countEndpoints(deps.db, caller.orgId)) >= MAX_ENDPOINTS_PER_ORGANIZATION)
    throw webhookEndpointLimitReached(MAX_ENDPOINTS_PER_ORGANIZATION);
  await checkTarget(deps, input.url);
  const secret = newSigningSecret();
  const endpoint = newEndpoint(
    { orgId: caller.orgId, url: input.url, description: input.description, eventTypes: input.eventTypes, secret },
    deps.clock(),
    deps.secrets,
  );
  await inTransaction(deps.db, async (trx) => {
    await endpoints.lockEndpointsOf(trx, caller.orgId);
    if ((await endpoints.countEndpoints(trx, caller.orgId)) >= MAX_ENDPOINTS_PER_ORGANIZATION)
      throw webhookEndpointLimitReached(MAX_ENDPOINTS_PER_ORGANIZATION);
    await endpoints.insertEndpoint(trx, endpoint);
    await recordPing(trx, endpoint, 'created', endpoint.createdAt);
  });
  return { endpoint, secret };
}

export async function listEndpoints(deps: { db: Database }, caller: Caller): Promise<WebhookEndpointRecord[]> {
  requireAdmin(caller);
  return endpoints.listEndpoints(deps.db, caller.orgId);
}

export async function getEndpoint(deps: { db: Database }, caller: Caller, id: string): Promise<WebhookEndpointRecord> {
  requireAdmin(caller);
  return existingEndpoint(deps.db, caller, id);
}

/** An admin's status change: disabling says so; enabling clears the failure record and ends a pause. */
function statusFields(status: endpoints.EndpointStatus | undefined): Partial<WebhookEndpointRecord> {
  if (status === 'disabled') return { status, disabledReason: 'disabled_by_admin' };
  if (status === 'enabled')
    return {
      status,
      disabledReason: null,
      failingSince: null,
      consecutiveFailures: 0,
      pausedUntil: null,
      pausedSince: null,
      pauseNotified: false,
    };
  return {};
}

export async function updateEndpoint(
  deps: WebhookDependencies,
  caller: Caller,
  id: string,
  change: EndpointChange,
): Promise<WebhookEndpointRecord> {
  requireAdmin(caller);
  await existingEndpoint(deps.db, caller, id);
  if (change.url !== undefined) await checkTarget(deps, change.url);
  return inTransaction(deps.db, async (trx) => {
    const current = await endpoints.findEndpoint(trx, caller.orgId, id, { forUpdate: true });
    if (!current) throw webhookEndpointNotFound(id);
    const fields: Partial<WebhookEndpointRecord> = {
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.eventTypes !== undefined ? { eventTypes: inTypeOrder(change.eventTypes) } : {}),
      ...(change.status !== current.status ? statusFields(change.status) : {}),
      updatedAt: deps.clock(),
    };
    await endpoints.updateEndpoint(trx, caller.orgId, id, fields);
    return { ...current, ...fields };
  });
}

export async function deleteEndpoint(deps: { db: Database }, caller: Caller, id: string): Promise<void> {
  requireAdmin(caller);
  const deleted = await inTransaction(deps.db, (trx) => endpoints.deleteEndpoint(trx, caller.orgId, id));
  if (!deleted) throw webhookEndpointNotFound(id);
}

/** A new secret; the one it replaces signs too for 24 hours (an older one stops at once). */
export async function rotateSecret(
  deps: { db: Database; clock: () => Date; secrets: SecretBox },
  caller: Caller,
  id: string,
): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
  requireAdmin(caller);
  return inTransaction(deps.db, async (trx) => {
    const current = await endpoints.findEndpoint(trx, caller.orgId, id, { forUpdate: true });
    if (!current) throw webhookEndpointNotFound(id);
    const now = deps.clock();
    const secret = newSigningSecret();
    const rotation = {
      secret: deps.secrets.seal(secret, current.id),
      // Moved as it is stored: still sealed, under whichever key sealed it.
      previousSecret: current.secret,
      previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_HOURS * 3600_000),
      updatedAt: now,
    };
    await endpoints.updateEndpoint(trx, caller.orgId, id, rotation);
    return { secret, previousSecretExpiresAt: rotation.previousSecretExpiresAt };
  });
}
