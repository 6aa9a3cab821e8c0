// Optimistic concurrency: a change may name the versions of the group it was made against
// (If-Match); checked after the group's row is locked, in the change's transaction, so two
// changes made against one version cannot both apply. The ETag format is the HTTP layer's.
import type { GroupRecord } from '../data/groups-repository.js';
import { preconditionFailed } from '../errors.js';

/** Which current versions the change accepts; absent: any (last write wins). */
export type VersionCondition = (version: number) => boolean;

export function requireVersion(group: GroupRecord, condition: VersionCondition | undefined): void {
  if (condition && !condition(group.version)) throw preconditionFailed(group.id);
}
