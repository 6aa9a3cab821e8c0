// Idempotency keys (IETF draft-ietf-httpapi-idempotency-key-header) for creates. A key belongs to
// its caller (organization and user) and lives 24 hours. A request's claim on its key is a row
// written in the work's own transaction, first thing, and completed there with the answer: the
// claim commits exactly with the change, and dies with it, a failed work's rollback or a dead
// process's closed connection freeing the key at once. Then:
//   same key, same body  -> the first answer again, nothing done (replayed)
//   same key, other body -> 422 idempotency_key_reused
//   first still running  -> 409 idempotency_key_in_use (Retry-After): the second's claim waits
//                           on the first's row, and gives up when its statement limit runs out
// Only successes are remembered. A pending row that committed (written by a version before
// this one) is taken over after `abandonedAfterMs`. Expired keys are purged by organization, a
// bounded batch on each request, so the table holds about a day of keys.
import { createHash } from 'node:crypto';
import type { Database, Executor } from '../data/database.js';
import * as keys from '../data/idempotency-repository.js';
import { AppError, idempotencyKeyInUse, idempotencyKeyReused } from '../errors.js';

export const keyLifetimeMs = 24 * 60 * 60 * 1000;
export const abandonedAfterMs = 60_000;
export const purgeBatchSize = 100;

export interface IdempotentRequest {
  orgId: string;
  userId: string;
  key: string;
  /** What identifies the request: the operation and its body (see `requestFingerprint`). */
  fingerprint: string;
}

/** sha256 of the operation and the canonical JSON of the body (keys sorted at every level). */
export function requestFingerprint(operation: string, body: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(body)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // sort() without a comparator orders by UTF-16 code units: the same on every platform.
    const members = Object.keys(object)
      .sort()
      .filter((name) => object[name] !== undefined)
      .map((name) => `${JSON.stringify(name)}:${canonicalJson(object[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the work does with its key, in its own transaction: claim it first, remember the answer last. */
export interface KeyHooks<Answer> {
  claim: (trx: Executor) => Promise<void>;
  remember: (trx: Executor, answer: Answer) => Promise<void>;
}

/** The key was completed by another request between this one's look and its claim. */
class KeyTakenMeanwhile extends Error {}

/** A finished request's answer with this key, or the reason this request may not run. */
async function earlier(
  db: Database,
  scope: keys.IdempotencyScope,
  fingerprint: string,
  now: Date,
): Promise<{ response: string } | undefined> {
  const stored = await keys.findKey(db, scope);
  if (!stored) return undefined;
  if (stored.expiresAt <= now) {
    await keys.deleteKeyIfUnchanged(db, scope, stored.createdAt);
    return undefined;
  }
  if (stored.requestHash !== fingerprint) throw idempotencyKeyReused();
  if (stored.response !== null) return { response: stored.response };
  // A committed pending row: only a version before this one wrote those.
  if (now.getTime() - stored.createdAt.getTime() <= abandonedAfterMs) throw idempotencyKeyInUse();
  await keys.deleteKeyIfUnchanged(db, scope, stored.createdAt);
  return undefined;
}

/**
 * Runs `work` once per key: returns its answer, or the stored answer of an earlier request with
 * the same key and body (`replayed`). `Answer` must survive JSON. The work calls `claim` first
 * in its transaction and `remember` last.
 */
export async function idempotently<Answer>(
  deps: { db: Database; clock: () => Date },
  request: IdempotentRequest,
  work: (hooks: KeyHooks<Answer>) => Promise<Answer>,
): Promise<{ answer: Answer; replayed: boolean }> {
  const scope = { orgId: request.orgId, userId: request.userId, key: request.key };
  const now = deps.clock();
  await keys.purgeExpiredKeys(deps.db, scope.orgId, now, purgeBatchSize);
  const replay = (stored: { response: string }) => ({ answer: JSON.parse(stored.response) as Answer, replayed: true });
  const before = await earlier(deps.db, scope, request.fingerprint, now);
  if (before) return replay(before);
  const row = { requestHash: request.fingerprint, createdAt: now, expiresAt: new Date(now.getTime() + keyLifetimeMs) };
  try {
    const answer = await work({
      claim: async (trx) => {
        if (!(await keys.claimKeyInTransaction(trx, scope, row))) throw new KeyTakenMeanwhile();
      },
      remember: (trx, result) => keys.completeKey(trx, scope, 200, JSON.stringify(result)),
    });
    return { answer, replayed: false };
  } catch (error) {
    if (keys.isClaimWaitOver(error)) throw idempotencyKeyInUse();
    // Completed meanwhile by a request with this key (its rows may have refused this one's,
    // a name taken, say): that answer is this request's too.
    const after = await earlier(deps.db, scope, request.fingerprint, now).catch((lookup: unknown) => {
      if (lookup instanceof AppError) throw lookup;
      return undefined;
    });
    if (after) return replay(after);
    if (error instanceof KeyTakenMeanwhile) throw idempotencyKeyInUse();
    throw error;
  }
}
