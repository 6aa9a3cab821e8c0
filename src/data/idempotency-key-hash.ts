import { createHash } from 'node:crypto';

/** The exact bytes of an Idempotency-Key as the table compares them: no collation can fold a binary hash. */
export const idempotencyKeyHash = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();
