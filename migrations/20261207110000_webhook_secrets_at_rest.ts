// Webhook signing secrets encrypted at rest (SECURITY.md, Secrets at rest): the columns widen
// to hold a sealed value (`v1:<key id>:<iv>:<ciphertext>`, up to ~125 characters) and every
// plain-text secret is sealed under WEBHOOK_SECRETS_KEY's first key, which migrateToLatest
// hands over (src/data/migration-context.ts). A database with no plain-text secret needs no
// key: a fresh one, or a test's.
import type { Knex } from 'knex';
import { isMysql } from '../src/data/database.js';
import { migrationContextOf } from '../src/data/migration-context.js';
import {
  countPlaintextSecrets,
  countSealedSecrets,
  plaintextSecretsError,
  resealWebhookSecrets,
  sealedSecretsError,
  unsealWebhookSecrets,
} from '../src/data/webhook-secrets-at-rest.js';
import { createSecretBox } from '../src/lib/secret-box.js';
import { longSchemaChange } from './table-options.js';

// Secrets are sealed in short transactions of their own, batch by batch, not in one that
// would hold every endpoint row; on MySQL the ALTER commits by itself anyway.
export const config = { transaction: false };

/** SQLite does not enforce a varchar's length: only MySQL has columns to change. */
async function secretColumns(knex: Knex, length: number): Promise<void> {
  if (!isMysql(knex)) return;
  const sql = `ALTER TABLE webhook_endpoints MODIFY secret varchar(${length}) NOT NULL, MODIFY previous_secret varchar(${length}) NULL`;
  // A transaction only to hold one connection: the lock wait MySQL is given is a session's.
  await knex.transaction((trx) => longSchemaChange(trx, sql));
}

export async function up(knex: Knex): Promise<void> {
  const { secretsKeys } = migrationContextOf(knex);
  // Checked before anything changes, so that the operator's next run starts from the same place.
  if (!secretsKeys) {
    const plaintext = await countPlaintextSecrets(knex);
    if (plaintext > 0) throw plaintextSecretsError(plaintext);
  }
  await secretColumns(knex, 255);
  if (secretsKeys) await resealWebhookSecrets(knex, createSecretBox(secretsKeys));
}

export async function down(knex: Knex): Promise<void> {
  const { secretsKeys } = migrationContextOf(knex);
  if (secretsKeys) await unsealWebhookSecrets(knex, createSecretBox(secretsKeys));
  else {
    const sealed = await countSealedSecrets(knex);
    if (sealed > 0) throw sealedSecretsError(sealed);
  }
  await secretColumns(knex, 100);
}
