// The migration list, in order. Static imports keep migrations working the same under tsx,
// compiled output and tests, without scanning folders.
import type { Knex } from 'knex';
import * as platformTables from './20261126080000_platform_tables.js';
import * as groups from './20261126080100_groups.js';
import * as groupNameKeys from './20261126090000_group_name_keys.js';

const migrations: Record<string, Knex.Migration> = {
  '20261126080000_platform_tables': platformTables,
  '20261126080100_groups': groups,
  '20261126090000_group_name_keys': groupNameKeys,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};
