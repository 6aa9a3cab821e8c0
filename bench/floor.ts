// The replayed floor: what the database allows for the service's own statements. A bare
// node:http handler (lib/floor-http.ts) that sends the statements the service sent for that
// request (captured, see lib/capture.ts) on a mysql2 pool of the same size, batch by batch, and
// writes the same JSON. Writes get fresh ids, timestamps and request ids so that they can
// repeat. It copies the service's design, so it cannot judge it: bench/plain-floor.ts does.
// Usage: tsx bench/floor.ts <plan.json>, with PORT, DATABASE_URL, AUTH_JWT_SECRET, DB_POOL_MAX.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PoolConnection } from 'mysql2/promise';
import { isRetryableTransactionError } from '../src/data/errors.js';
import { newId } from '../src/domain/ids.js';
import type { Binding, Statement } from './lib/capture.js';
import type { FloorPlan, FloorRoute } from './lib/floor-plan.js';
import { readBody, send, serveFloor, tokenSubjects } from './lib/floor-http.js';
import { sessionPool } from './lib/mysql.js';

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as FloorPlan;
const pool = sessionPool(process.env.DATABASE_URL!, Number(process.env.DB_POOL_MAX ?? 10));
const subjectOf = tokenSubjects();

// Scenarios may share a URL and differ by caller (the S2 variants): reads are keyed by both.
const reads = new Map(
  plan.routes.filter((route) => route.kind === 'read').map((route) => [`${route.userId} GET ${route.path}`, route]),
);
const writes = plan.routes.filter((route) => route.kind !== 'read');

type Substitute = (value: Binding) => unknown;

/**
 * Runs the batches again from the start when the database gives a transaction up for a
 * deadlock or a lock wait timeout, as the service does (src/data/transaction.ts): concurrent
 * creates and deletes do deadlock now and then, and the floor must do the same work.
 */
async function run(batches: Statement[][], substitute: Substitute): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(batches, substitute);
    } catch (error) {
      if (attempt >= 5 || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * Math.random()));
    }
  }
}

async function runOnce(batches: Statement[][], substitute: Substitute): Promise<void> {
  let transaction: PoolConnection | undefined;
  try {
    for (const batch of batches) {
      if (batch[0]!.sql === 'BEGIN;') transaction = await pool.getConnection();
      const on = transaction ?? pool;
      await Promise.all(
        batch.map((statement) => {
          const query = { sql: statement.sql, rowsAsArray: statement.options?.rowsAsArray ?? false };
          const values = statement.bindings.map(substitute) as never[];
          return statement.options?.prepared ? on.execute(query, values) : on.query(query, values);
        }),
      );
      if (batch[0]!.sql === 'COMMIT;') {
        transaction!.release();
        transaction = undefined;
      }
    }
  } finally {
    if (transaction) {
      await transaction.query('ROLLBACK').catch(() => undefined);
      transaction.release();
    }
  }
}

/** Replaces the captured request's ids and clock by this request's. */
function substitution(route: FloorRoute, replacements: Map<string, string>): Substitute {
  return (value) => {
    if (value !== null && typeof value === 'object') return new Date();
    if (typeof value === 'string') {
      const replaced = replacements.get(value);
      if (replaced !== undefined) return replaced;
      if (value.startsWith('aud_') && route.kind !== 'read') return newId('aud');
      if (value.startsWith('evt_') && route.kind !== 'read') return newId('evt');
    }
    return value;
  };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const subject = await subjectOf(req);
  if (subject === undefined) return send(res, 401, { code: 'unauthorized' });
  const url = req.url ?? '';
  const read = req.method === 'GET' ? reads.get(`${subject} GET ${url}`) : undefined;
  if (read) {
    await run(read.batches, (value) => (value !== null && typeof value === 'object' ? new Date(value.$date) : value));
    return send(res, 200, read.body);
  }
  const text = await readBody(req);
  const body = text ? (JSON.parse(text) as { members?: string[]; name?: string }) : {};
  const groupId = /^\/api\/v1\/groups\/([^/?]+)$/.exec(url)?.[1];
  let route: FloorRoute | undefined;
  const replacements = new Map<string, string>();
  if (req.method === 'PUT' && groupId) {
    const key = [...(body.members ?? [])].sort().join(',');
    route = writes.find((candidate) => candidate.kind === 'replace-members' && candidate.membersKey === key);
    if (route) replacements.set(route.groupId!, groupId);
  } else if (req.method === 'POST' && url === '/api/v1/groups') {
    route = writes.find((candidate) => candidate.kind === 'create');
    if (route) {
      replacements.set(route.groupId!, newId('grp'));
      replacements.set(route.name!, body.name!);
      replacements.set(route.name!.toLowerCase(), body.name!.toLowerCase());
    }
  } else if (req.method === 'DELETE' && groupId) {
    route = writes.find((candidate) => candidate.kind === 'delete');
    if (route) replacements.set(route.groupId!, groupId);
  }
  if (!route) return send(res, 404, { code: 'route_not_found' });
  replacements.set(route.requestId!, randomUUID());
  await run(route.batches, substitution(route, replacements));
  const answer =
    route.kind === 'create'
      ? { ...(route.body as object), group_id: replacements.get(route.groupId!) }
      : { ...(route.body as object), group_id: groupId };
  send(res, 200, answer);
}

serveFloor('floor', pool, handle);
