// Idempotency keys (IETF draft-ietf-httpapi-idempotency-key-header) for creates. A key belongs to
// its caller (organization and user) and lives 24 hours. The first request claims it with a
// pending row; its work records the answer in its own transaction (`remember`), so the answer is
// stored exactly when the change commits. Then:
//   same key, same body  -> the first answer again, nothing done (replayed)
//   same key, other body -> 422 idempotency_key_reused
//   first still running  -> 409 idempotency_key_in_use (Retry-After)
// Only successes are remembered: work that fails changed nothing, so its claim is released and
// a retry with the key runs afresh. A claim left pending by a process that died is taken over
// after `abandonedAfterMs`, longer than any request may run. Expired keys are purged by
// organization, a bounded batch on each claim, so the table holds about a day of keys.
import { createHash } from 'node:crypto';
import type { Database, Executor } from '../data/database.js';
import * as keys from '../data/idempotency-repository.js';
import { idempotencyKeyInUse, idempotencyKeyReused } from '../errors.js';

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

type Claim = { claimed: true } | { claimed: false; stored: keys.StoredKey };

async function claim(db: Database, scope: keys.IdempotencyScope, fingerprint: string, now: Date): Promise<Claim> {
  await keys.purgeExpiredKeys(db, scope.orgId, now, purgeBatchSize);
  const row = { requestHash: fingerprint, createdAt: now, expiresAt: new Date(now.getTime() + keyLifetimeMs) };
  // Two rounds: a row that expired or was released between the insert and the read is gone by the second.
  for (let round = 0; round < 2; round++) {
    if (await keys.insertPendingKey(db, scope, row)) return { claimed: true };
    const stored = await keys.findKey(db, scope);
    if (!stored) continue;
    if (stored.expiresAt <= now) {
      await keys.deleteKeyIfUnchanged(db, scope, stored.createdAt);
      continue;
    }
    if (stored.response === null && now.getTime() - stored.createdAt.getTime() > abandonedAfterMs) {
      if (await keys.takeOverPendingKey(db, scope, stored.createdAt, row)) return { claimed: true };
      continue;
    }
    return { claimed: false, stored };
  }
  // Another request keeps claiming and releasing this key at the same moment.
  throw idempotencyKeyInUse();
}

/** Records the answer with the change, in the work's transaction. */
export type Remember<Answer> = (trx: Executor, answer: Answer) => Promise<void>;

/**
 * Runs `work` once per key: returns its answer, or the stored answer of an earlier request with
 * the same key and body (`replayed`). `Answer` must survive JSON.
 */
export async function idempotently<Answer>(
  deps: { db: Database; clock: () => Date },
  request: IdempotentRequest,
  work: (remember: Remember<Answer>) => Promise<Answer>,
): Promise<{ answer: Answer; replayed: boolean }> {
  const scope = { orgId: request.orgId, userId: request.userId, key: request.key };
  const outcome = await claim(deps.db, scope, request.fingerprint, deps.clock());
  if (!outcome.claimed) {
    const { stored } = outcome;
    if (stored.requestHash !== request.fingerprint) throw idempotencyKeyReused();
    if (stored.response === null) throw idempotencyKeyInUse();
    return { answer: JSON.parse(stored.response) as Answer, replayed: true };
  }
  try {
    const answer = await work((trx, result) => keys.completeKey(trx, scope, 200, JSON.stringify(result)));
    return { answer, replayed: false };
  } catch (error) {
    // Only a pending claim is released: if the work committed after all (its answer was lost to
    // a timeout), the stored answer stays and a retry replays it.
    await keys.releasePendingKey(deps.db, scope).catch(() => undefined);
    throw error;
  }
}
