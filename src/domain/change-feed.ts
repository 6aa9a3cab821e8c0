// Reading the change feed (GET /api/v1/events): staff only, the caller's organization only,
// in feed order from a signed cursor. Each read first places what has committed since the last
// pass (src/data/change-events-repository.ts), so a reader never waits for a background job,
// and a pass that loses a race to another process's pass leaves the work to that pass.
import {
  listFeed,
  purgeChangeEvents,
  purgedThrough,
  sequencePendingEvents,
  type ChangeEventType,
  type SequencedChangeEvent,
} from '../data/change-events-repository.js';
import type { Database } from '../data/database.js';
import { isRetryableTransactionError } from '../data/errors.js';
import { cursorExpired, forbidden } from '../errors.js';
import { seesWholeOrganization } from './authorization.js';
import type { Caller } from './caller.js';
import type { PageTokens } from './page-token.js';

/** How long the feed keeps events; a cursor further back answers 410. */
export const FEED_RETENTION_DAYS = 30;

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
  deps: { db: Database; pageTokens: PageTokens; clock: () => Date },
  caller: Caller,
  request: FeedRequest,
): Promise<FeedPage> {
  if (!seesWholeOrganization(caller)) throw forbidden('The change feed is for admins and coaches.');
  // Events past the retention go first, so that a cursor before them is refused, not short.
  await purgeChangeEvents(deps.db, new Date(deps.clock().getTime() - FEED_RETENTION_DAYS * 86_400_000));
  const scope = cursorScope(caller.orgId);
  const horizon = await purgedThrough(deps.db);
  const after =
    request.after === undefined ? horizon : deps.pageTokens.read<FeedCursor>(scope, request.after, 'after').p;
  if (after < horizon) throw cursorExpired();
  await placeCommittedEvents(deps.db);
  const rows = await listFeed(deps.db, {
    orgId: caller.orgId,
    afterPosition: after,
    types: request.types,
    limit: request.limit + 1,
  });
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
