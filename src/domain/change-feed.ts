// Reading the change feed (GET /api/v1/events): staff only, the caller's organization only,
// in feed order from a signed cursor. Each read first places what has committed since the last
// pass (src/data/change-events-repository.ts), so a reader never waits for a background job,
// and a pass that loses a race to another process's pass leaves the work to that pass. Events
// past the retention are purged by their own job (src/jobs/feed-retention.ts), not here.
import {
  listFeed,
  purgedThrough,
  sequencePendingEvents,
  type ChangeEventType,
  type SequencedChangeEvent,
} from '../data/change-events-repository.js';
import type { Database } from '../data/database.js';
import { isRetryableTransactionError } from '../data/errors.js';
import { cursorExpired, forbidden } from '../errors.js';
import { mayManageWebhooks, seesWholeOrganization } from './authorization.js';
import type { Caller } from './caller.js';
import type { PageTokens } from './page-token.js';

/** How long the feed keeps events; a cursor further back answers 410. */
export const FEED_RETENTION_DAYS = 30;

const groupEventTypes: ChangeEventType[] = ['group.created', 'group.updated', 'group.deleted', 'group.members_changed'];
const endpointEventTypes: ChangeEventType[] = [
  'webhook_endpoint.paused',
  'webhook_endpoint.resumed',
  'webhook_endpoint.disabled',
];

/**
 * The types a caller reads: a group's changes unless asked for others; an endpoint's events
 * tell of the admins' webhooks, so only admins get them, and only by naming them (a reader
 * written before they existed never meets an event without a group).
 */
export function visibleEventTypes(caller: Caller, requested: ChangeEventType[] | undefined): ChangeEventType[] {
  if (requested === undefined) return groupEventTypes;
  const visible = mayManageWebhooks(caller) ? [...groupEventTypes, ...endpointEventTypes] : groupEventTypes;
  return visible.filter((type) => requested.includes(type));
}

export interface FeedRequest {
  after: string | undefined;
  types: ChangeEventType[] | undefined;
  limit: number;
}

export interface FeedPage {
  events: SequencedChangeEvent[];
  nextCursor: string;
  hasMore: boolean;
}

interface FeedCursor {
  /** The feed position of the last event the reader has. */
  p: number;
}

const cursorScope = (orgId: string) => `listEvents:${orgId}`;

/** Places committed events in the feed; a pass that meets another process's pass gives way to it. */
export async function placeCommittedEvents(
  db: Database,
  sequencePass: (db: Database) => Promise<number> = sequencePendingEvents,
): Promise<void> {
  try {
    while ((await sequencePass(db)) > 0) {
      // Until nothing committed is left without a place.
    }
  } catch (error) {
    if (!isRetryableTransactionError(error)) throw error;
  }
}

export async function readChangeFeed(
  deps: { db: Database; pageTokens: PageTokens },
  caller: Caller,
  request: FeedRequest,
): Promise<FeedPage> {
  if (!seesWholeOrganization(caller)) throw forbidden('The change feed is for admins and coaches.');
  const scope = cursorScope(caller.orgId);
  const horizon = await purgedThrough(deps.db, caller.orgId);
  const after =
    request.after === undefined ? horizon : deps.pageTokens.read<FeedCursor>(scope, request.after, 'after').p;
  if (after < horizon) throw cursorExpired();
  await placeCommittedEvents(deps.db);
  const types = visibleEventTypes(caller, request.types);
  const rows =
    types.length === 0
      ? []
      : await listFeed(deps.db, { orgId: caller.orgId, afterPosition: after, types, limit: request.limit + 1 });
  const events = rows.slice(0, request.limit);
  const last = events.at(-1);
  return {
    events,
    nextCursor: last
      ? deps.pageTokens.issue(scope, { p: last.feedPosition })
      : (request.after ?? deps.pageTokens.issue(scope, { p: after })),
    hasMore: rows.length > request.limit,
  };
}
