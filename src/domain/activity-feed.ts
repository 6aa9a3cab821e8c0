// A group's activity feed: completed activities of its current, active members, newest
// first, filtered by the athletes' local start dates and by sub type.
import { completedActivities, type ActivityRecord, type FeedPosition } from '../data/activities-repository.js';
import type { Database } from '../data/database.js';
import { activeUserNames } from '../data/users-repository.js';
import { invalidInput } from '../errors.js';
import type { Caller } from './caller.js';
import { authorizedGroup } from './group-access.js';
import type { PageTokens } from './page-token.js';

export interface FeedRequest {
  limit: number;
  startDate: string | undefined;
  endDate: string | undefined;
  subType: string | undefined;
  pageToken: string | undefined;
}

export interface FeedItem extends ActivityRecord {
  userName: string;
}

export interface FeedPage {
  activities: FeedItem[];
  nextPageToken: string | null;
}

function parseSubTypes(subType: string | undefined): string[] | undefined {
  if (subType === undefined) return undefined;
  return [...new Set(subType.split(',').map((part) => part.trim()))].sort();
}

export async function readActivityFeed(
  deps: { db: Database; pageTokens: PageTokens; clock: () => Date },
  caller: Caller,
  groupId: string,
  request: FeedRequest,
): Promise<FeedPage> {
  if (request.startDate && request.endDate && request.startDate > request.endDate) {
    throw invalidInput('start_date must not be after end_date.', [
      { field: 'start_date', message: 'must not be after end_date' },
    ]);
  }
  const { members, activeMemberNames } = await authorizedGroup(deps.db, caller, groupId, 'readActivity');
  const subTypes = parseSubTypes(request.subType);
  const scope = [
    // Stryker disable next-line StringLiteral: with six parts this scope equals no other operation's, prefix or not
    'listGroupActivities',
    caller.orgId,
    groupId,
    // Stryker disable next-line StringLiteral: any constant that is no date marks an absent filter as well as ''
    request.startDate ?? '',
    // Stryker disable next-line StringLiteral: any constant that is no date marks an absent filter as well as ''
    request.endDate ?? '',
    subTypes?.join(',') ??
      // Stryker disable next-line StringLiteral: a sub_type list is never '' (the spec's pattern), so '' and any constant that is no list mark an absent filter alike
      '',
  ].join(':');
  const before = request.pageToken ? deps.pageTokens.read<FeedPosition>(scope, request.pageToken) : undefined;

  const names = activeMemberNames ?? (await activeUserNames(deps.db, caller.orgId, members));
  const activities = await completedActivities(deps.db, {
    orgId: caller.orgId,
    userIds: [...names.keys()],
    startDate: request.startDate,
    endDate: request.endDate,
    subTypes,
    before,
    limit: request.limit + 1,
    nowMs: deps.clock().getTime(),
  });
  const page = activities.slice(0, request.limit);
  const last = page.at(-1);
  return {
    activities: page.map((activity) => ({ ...activity, userName: names.get(activity.userId)! })),
    nextPageToken:
      activities.length > request.limit && last
        ? deps.pageTokens.issue(scope, { startTimeMs: last.startTime.getTime(), id: last.id } satisfies FeedPosition)
        : null,
  };
}
