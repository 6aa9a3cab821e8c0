// Without DATABASE_URL the service runs on the embedded SQLite file, through the optional
// better-sqlite3 package. A production install leaves optional packages out
// (`npm ci --omit=optional`), and Knex's own error for the missing driver advises an
// `npm install` that is the wrong fix there: this says what is missing in one line.
import { createRequire } from 'node:module';
import { ConfigError } from '../config.js';

export function requireEmbeddedDatabase(): void {
  try {
    createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    throw new ConfigError([
      'DATABASE_URL is not set, and the embedded SQLite database needs the optional package better-sqlite3, which this install left out: set DATABASE_URL=mysql://user:pass@host:3306/db',
    ]);
  }
}
