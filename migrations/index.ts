// The migration list, in order. Static imports keep migrations working the same under tsx,
// compiled output and tests, without scanning folders.
import type { Knex } from 'knex';
import * as platformTables from './20261126080000_platform_tables.js';
import * as groups from './20261126080100_groups.js';
import * as groupNameKeys from './20261126090000_group_name_keys.js';
import * as groupVersions from './20261126120000_group_versions.js';
import * as idempotencyKeys from './20261126120100_idempotency_keys.js';
import * as idempotencyKeyHashes from './20261204090000_idempotency_key_hashes.js';
import * as changeEvents from './20261204120000_change_events.js';
import * as webhooks from './20261204140000_webhooks.js';
import * as activityReadsIndex from './20261204160000_activity_reads_index.js';
import * as webhookIsolation from './20261207090000_webhook_isolation.js';
import * as feedHorizons from './20261207100000_feed_horizons.js';
import * as webhookSecretsAtRest from './20261207110000_webhook_secrets_at_rest.js';

const migrations: Record<string, Knex.Migration> = {
  '20261126080000_platform_tables': platformTables,
  '20261126080100_groups': groups,
  '20261126090000_group_name_keys': groupNameKeys,
  '20261126120000_group_versions': groupVersions,
  '20261126120100_idempotency_keys': idempotencyKeys,
  '20261204090000_idempotency_key_hashes': idempotencyKeyHashes,
  '20261204120000_change_events': changeEvents,
  '20261204140000_webhooks': webhooks,
  '20261204160000_activity_reads_index': activityReadsIndex,
  '20261207090000_webhook_isolation': webhookIsolation,
  '20261207100000_feed_horizons': feedHorizons,
  '20261207110000_webhook_secrets_at_rest': webhookSecretsAtRest,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: () => Promise.resolve(Object.keys(migrations)),
  getMigrationName: (name) => name,
  getMigration: (name) => Promise.resolve(migrations[name]!),
};
