// Idempotency keys of the caller (organization and user): claimed by a pending row and
// completed with the answer, both in the transaction of the work they guard.
// Every query is scoped by organization; lookups use the (org_id, user_id, key_hash) primary
// key (the key's SHA-256: keys compare byte for byte, whatever the collation), the purge the
// (org_id, expires_at) index.
import type { Executor } from './database.js';
import { classifyDatabaseError, isUniqueViolation } from './errors.js';
import { idempotencyKeyHash } from './idempotency-key-hash.js';
import { toDate } from './values.js';

export interface IdempotencyScope {
  orgId: string;
  userId: string;
  key: string;
}

export interface StoredKey {
  requestHash: string;
  /** null while the first request is in flight. */
  response: string | null;
  createdAt: Date;
  expiresAt: Date;
}

interface KeyRow {
  request_hash: string;
  response: string | null;
  created_at: Date | number;
  expires_at: Date | number;
}

const where = (scope: IdempotencyScope) => ({
  org_id: scope.orgId,
  user_id: scope.userId,
  key_hash: idempotencyKeyHash(scope.key),
});

/** Inserts a pending row; false when the caller already has a row for this key. */
export async function insertPendingKey(
  db: Executor,
  scope: IdempotencyScope,
  row: { requestHash: string; createdAt: Date; expiresAt: Date },
): Promise<boolean> {
  try {
    await db('idempotency_keys').insert({
      ...where(scope),
      idempotency_key: scope.key,
      request_hash: row.requestHash,
      response_status: null,
      response: null,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Another request's claim on the key held this one's past its statement limit: it is in flight. */
class ClaimWaitOver extends Error {
  constructor(cause: unknown) {
    super('the idempotency key is claimed by a request still in flight', { cause });
    this.name = 'ClaimWaitOver';
  }
}

export const isClaimWaitOver = (error: unknown): boolean => error instanceof ClaimWaitOver;

/**
 * Claims the key in the work's transaction: its pending row commits with the work, or goes with
 * its rollback (a failure, a dead connection). False when a completed row is there already.
 * While another request's claim is uncommitted this one waits on it, within the statement
 * limit (MariaDB's max_statement_time, SQLite's busy timeout), then throws ClaimWaitOver; on
 * Galera the later of two claims from different nodes fails certification and its
 * transaction is retried, to find the other's row.
 */
export async function claimKeyInTransaction(
  trx: Executor,
  scope: IdempotencyScope,
  row: { requestHash: string; createdAt: Date; expiresAt: Date },
): Promise<boolean> {
  try {
    return await insertPendingKey(trx, scope, row);
  } catch (error) {
    // A deadlock (Galera's certification among them) is the transaction's to retry; a wait
    // that ran out is the other request, still at work.
    const failure = classifyDatabaseError(error);
    const deadlock = (error as { errno?: number }).errno === 1213;
    if (!deadlock && (failure === 'timeout' || failure === 'busy')) throw new ClaimWaitOver(error);
    throw error;
  }
}

export async function findKey(db: Executor, scope: IdempotencyScope): Promise<StoredKey | undefined> {
  const row = await db('idempotency_keys')
    .select<KeyRow[]>('request_hash', 'response', 'created_at', 'expires_at')
    .where(where(scope))
    .first();
  return row
    ? {
        requestHash: row.request_hash,
        response: row.response,
        createdAt: toDate(row.created_at),
        expiresAt: toDate(row.expires_at),
      }
    : undefined;
}

/** Deletes the row if it is still exactly the one read (same created_at): no race removes a newer claim. */
export async function deleteKeyIfUnchanged(db: Executor, scope: IdempotencyScope, createdAt: Date): Promise<void> {
  await db('idempotency_keys')
    .where({ ...where(scope), created_at: createdAt })
    .delete();
}

export async function completeKey(
  db: Executor,
  scope: IdempotencyScope,
  status: number,
  response: string,
): Promise<void> {
  await db('idempotency_keys').where(where(scope)).update({ response_status: status, response });
}

/** Deletes up to `limit` expired keys of one organization; returns how many. */
export async function purgeExpiredKeys(db: Executor, orgId: string, now: Date, limit: number): Promise<number> {
  const rows = await db('idempotency_keys')
    .select<{ user_id: string; key_hash: Buffer }[]>('user_id', 'key_hash')
    .where({ org_id: orgId })
    .andWhere('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit);
  if (rows.length === 0) return 0;
  return Number(
    await db('idempotency_keys')
      .where({ org_id: orgId })
      .whereIn(
        ['user_id', 'key_hash'],
        rows.map((row) => [row.user_id, row.key_hash]),
      )
      .delete(),
  );
}
