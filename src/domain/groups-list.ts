// Listing groups: every group of the organization for staff (with the organization's
// athlete summary), the groups they own for athletes; with `memberOnly`, for anyone, the
// groups the caller is a member of.
import type { Database, Executor } from '../data/database.js';
import {
  athleteAssignment,
  findGroupNameKey,
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

/**
 * What a list page token carries: the last group's id and as much of its name key as keeps the
 * token short whatever the name (page_token has a maxLength of 512, and a key of 400 code points
 * escaped as JSON and base64url would not fit). A cut key is completed from the group itself.
 */
interface ListCursor {
  id: string;
  key: string;
  /** The key was cut to its first bytes. */
  cut?: true;
}

/** Tokens issued before the cursor carried a cut key held the whole key as `nameKey`. */
type IssuedCursor = ListCursor | { nameKey: string; id: string };

const maxCursorKeyBytes = 160;

function cursorFor(group: GroupRecord): ListCursor {
  let bytes = 0;
  let prefix = '';
  for (const character of group.nameKey) {
    bytes += Buffer.byteLength(JSON.stringify(character)) - 2;
    if (bytes > maxCursorKeyBytes) return { id: group.id, key: prefix, cut: true };
    prefix += character;
  }
  return { id: group.id, key: prefix };
}

async function positionAfter(db: Executor, orgId: string, issued: IssuedCursor): Promise<GroupPosition> {
  if ('nameKey' in issued) return { nameKey: issued.nameKey, id: issued.id };
  if (!issued.cut) return { nameKey: issued.key, id: issued.id };
  const current = await findGroupNameKey(db, orgId, issued.id);
  if (current?.startsWith(issued.key)) return { nameKey: current, id: issued.id };
  // The group was deleted or renamed since: continue after the cut key. Groups between it and
  // the old key may come again, but none is skipped and the token stays good.
  return { nameKey: issued.key };
}

export interface GroupListPage {
  groups: GroupWithMembers[];
  nextPageToken: string | null;
  summary?: { totalAthletes: number; unassignedAthletes: number };
}

export async function listVisibleGroups(
  deps: { db: Database; pageTokens: PageTokens },
  caller: Caller,
  request: { pageSize: number; pageToken: string | undefined; memberOnly: boolean },
): Promise<GroupListPage> {
  const staff = seesWholeOrganization(caller);
  const { memberOnly } = request;
  const wholeOrganization = staff && !memberOnly;
  // The scope binds a token to who asked for it and to the filter, so one caller's cursor is no
  // use to another, nor to the same caller's list with another filter.
  const scope = memberOnly
    ? `listGroups:${caller.orgId}:member:${caller.userId}`
    : `listGroups:${caller.orgId}:${wholeOrganization ? '*' : caller.userId}`;
  const after = request.pageToken
    ? await positionAfter(deps.db, caller.orgId, deps.pageTokens.read<IssuedCursor>(scope, request.pageToken))
    : undefined;

  const [records, summary] = await Promise.all([
    listGroups(deps.db, {
      orgId: caller.orgId,
      ...(memberOnly ? { memberId: caller.userId } : wholeOrganization ? {} : { ownerId: caller.userId }),
      ...(after ? { after } : {}),
      limit: request.pageSize + 1,
    }),
    // The organization's summary is staff's, whatever the filter.
    staff ? athleteAssignment(deps.db, caller.orgId) : undefined,
  ]);
  const page = records.slice(0, request.pageSize);
  const members = await membersOfGroups(
    deps.db,
    caller.orgId,
    page.map((group) => group.id),
  );
  const last = page.at(-1);
  return {
    groups: page.map((group) => ({ ...group, members: members.get(group.id)! })),
    nextPageToken: records.length > request.pageSize && last ? deps.pageTokens.issue(scope, cursorFor(last)) : null,
    ...(summary ? { summary: { totalAthletes: summary.total, unassignedAthletes: summary.unassigned } } : {}),
  };
}
