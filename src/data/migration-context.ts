// What a migration may need beyond the database: the keys that seal webhook signing secrets
// (migrations/20261207110000_webhook_secrets_at_rest.ts). It rides on the Knex instance as its
// userParams, which Knex hands on to the instance a migration runs on, so the static migration
// list (migrations/index.ts) stays as it is and a migration run without it finds none.
import type { Knex } from 'knex';
import type { SecretsKey } from '../config.js';

export interface MigrationContext {
  /** WEBHOOK_SECRETS_KEY; absent, a migration that must seal or open a secret fails and says so. */
  secretsKeys?: SecretsKey[];
}

/** The database, to run migrations on with `context`. */
export function withMigrationContext(db: Knex, context: MigrationContext): Knex {
  return db.withUserParams({ ...db.userParams, migrationContext: context });
}

export function migrationContextOf(knex: Knex): MigrationContext {
  return (knex.userParams?.migrationContext as MigrationContext | undefined) ?? {};
}
