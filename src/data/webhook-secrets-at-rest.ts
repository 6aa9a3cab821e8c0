// Webhook signing secrets rewritten where they lie (SECURITY.md, Secrets at rest): sealed by
// the migration that brought encryption, resealed under WEBHOOK_SECRETS_KEY's first key by
// every `migrate.js` after a rotation, opened back to plain text by that migration's down.
// A batch of endpoints at a time, each rewritten in a short transaction of its own that locks
// only the rows it changes and reads them again under the lock (a rotation in between moved
// the secrets); a run that stops half-way is finished by running it again.
import { isSealed, type SecretBox } from '../lib/secret-box.js';
import type { Database } from './database.js';
import { inTransaction } from './transaction.js';

const BATCH_SIZE = 100;

interface StoredSecrets {
  id: string;
  secret: string;
  previous_secret: string | null;
}

/** A secrets key is needed and was not given. */
export class SecretsKeyMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsKeyMissingError';
  }
}

export const plaintextSecretsError = (count: number) =>
  new SecretsKeyMissingError(
    `webhook_endpoints holds ${count} signing secrets in plain text: set WEBHOOK_SECRETS_KEY (see docs/operations.md) and run the migration again`,
  );

export const sealedSecretsError = (count: number) =>
  new SecretsKeyMissingError(
    `webhook_endpoints holds ${count} sealed signing secrets: set WEBHOOK_SECRETS_KEY to the keys that sealed them and migrate down again`,
  );

const columns = ['id', 'secret', 'previous_secret'] as const;
const storedOf = (row: StoredSecrets) => [row.secret, row.previous_secret].filter((value) => value !== null);

async function* batches(db: Database): AsyncGenerator<StoredSecrets[]> {
  for (let after = ''; ;) {
    const rows = (await db('webhook_endpoints')
      .select(...columns)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH_SIZE)) as StoredSecrets[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

async function countStored(db: Database, counted: (stored: string) => boolean): Promise<number> {
  let count = 0;
  for await (const rows of batches(db)) count += rows.flatMap(storedOf).filter(counted).length;
  return count;
}

export const countPlaintextSecrets = (db: Database) => countStored(db, (stored) => !isSealed(stored));
export const countSealedSecrets = (db: Database) => countStored(db, isSealed);

/** Rewrites each stored secret that `changes` picks; returns how many it rewrote. */
async function rewrite(
  db: Database,
  changes: (stored: string) => boolean,
  rewritten: (stored: string, endpointId: string) => string,
): Promise<number> {
  let count = 0;
  for await (const rows of batches(db)) {
    const ids = rows.filter((row) => storedOf(row).some(changes)).map((row) => row.id);
    if (ids.length === 0) continue;
    count += await inTransaction(db, async (trx) => {
      const locked = (await trx('webhook_endpoints')
        .select(...columns)
        .whereIn('id', ids)
        .forUpdate()) as StoredSecrets[];
      let changed = 0;
      for (const row of locked) {
        const fields: Partial<Omit<StoredSecrets, 'id'>> = {};
        try {
          if (changes(row.secret)) fields.secret = rewritten(row.secret, row.id);
          if (row.previous_secret !== null && changes(row.previous_secret))
            fields.previous_secret = rewritten(row.previous_secret, row.id);
        } catch (error) {
          throw new Error(`webhook endpoint ${row.id}: ${(error as Error).message}`, { cause: error });
        }
        if (Object.keys(fields).length === 0) continue;
        await trx('webhook_endpoints').where({ id: row.id }).update(fields);
        changed += Object.keys(fields).length;
      }
      return changed;
    });
  }
  return count;
}

/** Seals plain-text secrets and reseals those under a key other than the first; returns how many. */
export function resealWebhookSecrets(db: Database, box: SecretBox): Promise<number> {
  return rewrite(
    db,
    (stored) => box.needsResealing(stored),
    (stored, endpointId) => box.seal(isSealed(stored) ? box.open(stored, endpointId) : stored, endpointId),
  );
}

/** Opens every sealed secret back to plain text; returns how many. */
export function unsealWebhookSecrets(db: Database, box: SecretBox): Promise<number> {
  return rewrite(db, isSealed, (stored, endpointId) => box.open(stored, endpointId));
}
