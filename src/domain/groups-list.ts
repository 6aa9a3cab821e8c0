// Listing groups: every group of the organization for staff (with the organization's
// athlete summary), the groups they own for athletes.
import type { Database } from '../data/database.js';
import {
  athleteAssignment,
  listGroups,
  membersOfGroups,
  type GroupPosition,
  type GroupRecord,
} from '../data/groups-repository.js';
import { seesWholeOrganization } from './authorization.js';
import type { Caller } from './caller.js';
import type { PageTokens } from './page-token.js';

export interface GroupWithMembers extends GroupRecord {
  members: string[];
}

export interface GroupListPage {
  groups: GroupWithMembers[];
  nextPageToken: string | null;
  summary?: { totalAthletes: number; unassignedAthletes: number };
}

export async function listVisibleGroups(
  deps: { db: Database; pageTokens: PageTokens },
  caller: Caller,
  request: { pageSize: number; pageToken: string | undefined },
): Promise<GroupListPage> {
  const wholeOrganization = seesWholeOrganization(caller);
  // The scope binds a token to who asked for it, so one caller's cursor is no use to another.
  const scope = `listGroups:${caller.orgId}:${wholeOrganization ? '*' : caller.userId}`;
  const after = request.pageToken ? deps.pageTokens.read<GroupPosition>(scope, request.pageToken) : undefined;

  const [records, summary] = await Promise.all([
    listGroups(deps.db, {
      orgId: caller.orgId,
      ...(wholeOrganization ? {} : { ownerId: caller.userId }),
      ...(after ? { after } : {}),
      limit: request.pageSize + 1,
    }),
    wholeOrganization ? athleteAssignment(deps.db, caller.orgId) : undefined,
  ]);
  const page = records.slice(0, request.pageSize);
  const members = await membersOfGroups(
    deps.db,
    caller.orgId,
    page.map((group) => group.id),
  );
  const last = page.at(-1);
  return {
    groups: page.map((group) => ({ ...group, members: members.get(group.id) ?? [] })),
    nextPageToken:
      records.length > request.pageSize && last
        ? deps.pageTokens.issue(scope, { nameKey: last.nameKey, id: last.id } satisfies GroupPosition)
        : null,
    ...(summary ? { summary: { totalAthletes: summary.total, unassignedAthletes: summary.unassigned } } : {}),
  };
}
