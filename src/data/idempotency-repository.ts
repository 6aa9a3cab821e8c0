// Idempotency keys of the caller (organization and user): claimed by a pending row, completed
// with the answer in the transaction of the work it guards, released when that work failed.
// Every query is scoped by organization; lookups use the (org_id, user_id, key_hash) primary
// key (the key's SHA-256: keys compare byte for byte, whatever the collation), the purge the
// (org_id, expires_at) index.
import type { Executor } from './database.js';
import { isUniqueViolation } from './errors.js';
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

/** Takes over an abandoned pending row; true when this caller now holds it. */
export async function takeOverPendingKey(
  db: Executor,
  scope: IdempotencyScope,
  previousCreatedAt: Date,
  row: { requestHash: string; createdAt: Date; expiresAt: Date },
): Promise<boolean> {
  const updated = await db('idempotency_keys')
    .where({ ...where(scope), created_at: previousCreatedAt })
    .whereNull('response')
    .update({ request_hash: row.requestHash, created_at: row.createdAt, expires_at: row.expiresAt });
  return Number(updated) === 1;
}

export async function completeKey(
  db: Executor,
  scope: IdempotencyScope,
  status: number,
  response: string,
): Promise<void> {
  await db('idempotency_keys').where(where(scope)).update({ response_status: status, response });
}

/** Removes a pending claim whose work failed, so that a retry with the key runs afresh. */
export async function releasePendingKey(db: Executor, scope: IdempotencyScope): Promise<void> {
  await db('idempotency_keys').where(where(scope)).whereNull('response').delete();
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
