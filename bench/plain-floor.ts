// The plain floor: what one plain statement per read allows, to judge the service's design
// (issue 31). Bare node:http (lib/floor-http.ts) with the service's token check, the caller's
// row read on every request as the service does, then for each read the simplest statement
// that answers it over the project's indexes (lib/plain-statements.ts; the feed and the stats
// read the group's members first) and JSON.stringify of the answer. No request validation,
// no metrics, no logging. It answers the benchmark's reads for staff callers; anything else is
// a 501. Its answers are the service's, byte for byte once parsed: the benchmark checks that
// before it measures (lib/answers.ts).
// Usage: tsx bench/plain-floor.ts, with PORT, DATABASE_URL, AUTH_JWT_SECRET, PAGE_TOKEN_SECRET, DB_POOL_MAX.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createPageTokens } from '../src/domain/page-token.js';
import { send, serveFloor, tokenSubjects } from './lib/floor-http.js';
import { sessionPool } from './lib/mysql.js';
import {
  activityFeed,
  auditPage,
  getGroup,
  isStaff,
  listGroups,
  readCaller,
  type PlainAnswer,
  type ReadContext,
} from './lib/plain-reads.js';
import { groupStats } from './lib/plain-stats.js';

const pool = sessionPool(process.env.DATABASE_URL!, Number(process.env.DB_POOL_MAX ?? 10));
const subjectOf = tokenSubjects();
const tokens = createPageTokens(process.env.PAGE_TOKEN_SECRET!);

const groupReads: Record<string, (context: ReadContext, groupId: string) => Promise<PlainAnswer>> = {
  '': getGroup,
  '/activities': activityFeed,
  '/stats': groupStats,
  '/audit': auditPage,
};
const groupPath = /^\/api\/v1\/groups\/([^/]+)(\/activities|\/stats|\/audit)?$/;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const subject = await subjectOf(req);
  const caller = subject === undefined ? undefined : await readCaller(pool, subject);
  if (!caller) return send(res, 401, { code: 'unauthorized' });
  const url = new URL(req.url ?? '/', 'http://floor');
  if (req.method !== 'GET' || !isStaff(caller)) return send(res, 501, { code: 'not_in_the_plain_floor' });
  const context = { pool, caller, tokens, query: url.searchParams };
  const group = groupPath.exec(url.pathname);
  const answer = group
    ? await groupReads[group[2] ?? '']!(context, decodeURIComponent(group[1]!))
    : url.pathname === '/api/v1/groups'
      ? await listGroups(context)
      : { status: 404, body: { code: 'route_not_found' } };
  send(res, answer.status, answer.body, answer.headers);
}

serveFloor('plain floor', pool, handle);
