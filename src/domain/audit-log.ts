// Reading a group's audit trail: the owner while the group exists; admins and coaches also
// after it was deleted.
import { hasAuditTrail, listAuditEvents, type StoredAuditEvent } from '../data/audit-repository.js';
import type { Database } from '../data/database.js';
import { AppError } from '../errors.js';
import { mayReadDeletedGroupAudit } from './authorization.js';
import { authorizedGroup } from './group-access.js';
import type { Caller } from './caller.js';
import type { PageTokens } from './page-token.js';

export interface AuditPage {
  events: StoredAuditEvent[];
  nextPageToken: string | null;
}

async function authorizeAuditRead(db: Database, caller: Caller, groupId: string): Promise<void> {
  try {
    await authorizedGroup(db, caller, groupId, 'readAudit');
  } catch (error) {
    // Staff, the only callers who may read a deleted group's trail, are refused nothing but
    // group_not_found here; other errors have no such code: each check alone is equivalent.
    const deletedButTraced =
      // Stryker disable next-line ConditionalExpression: equivalent, see above
      error instanceof AppError &&
      // Stryker disable next-line ConditionalExpression: equivalent, see above
      error.code === 'group_not_found' &&
      mayReadDeletedGroupAudit(caller) &&
      (await hasAuditTrail(db, caller.orgId, groupId));
    if (!deletedButTraced) throw error;
  }
}

export async function readAuditLog(
  deps: { db: Database; pageTokens: PageTokens },
  caller: Caller,
  groupId: string,
  request: { pageSize: number; pageToken: string | undefined },
): Promise<AuditPage> {
  await authorizeAuditRead(deps.db, caller, groupId);
  const scope = `listGroupAuditEvents:${caller.orgId}:${groupId}`;
  const after = request.pageToken ? deps.pageTokens.read<{ seq: number }>(scope, request.pageToken) : undefined;
  const events = await listAuditEvents(deps.db, {
    orgId: caller.orgId,
    groupId,
    ...(after ? { beforeSeq: after.seq } : {}),
    limit: request.pageSize + 1,
  });
  const page = events.slice(0, request.pageSize);
  const last = page.at(-1);
  return {
    events: page,
    nextPageToken: events.length > request.pageSize && last ? deps.pageTokens.issue(scope, { seq: last.seq }) : null,
  };
}
