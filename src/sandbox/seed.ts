import type { Database } from '../data/database.js';
import { findGroup } from '../data/groups-repository.js';
import { findUserById } from '../data/users-repository.js';
import { findEndpoint, insertEndpoint, updateEndpoint } from '../data/webhook-endpoints-repository.js';
import { createGroup, updateGroup } from '../domain/groups-service.js';
import type { SecretBox } from '../lib/secret-box.js';
import { newEndpoint } from '../domain/webhook-endpoints.js';
import { AppError } from '../errors.js';
import { demoAdminId, demoDataset, demoGroups, demoWebhookEndpoint } from './demo-data.js';
import { loadDataset, type LoadResult } from './load.js';

/**
 * Loads the demo organization, its webhook endpoint, and creates its groups through the groups
 * service (so they have an audit trail and events). Safe to run again.
 */
export async function seedDemo(
  db: Database,
  secrets: Pick<SecretBox, 'seal'>,
  clock: () => Date = () => new Date(),
): Promise<LoadResult & { groups: number }> {
  const loaded = await loadDataset(db, demoDataset(clock()));
  const admin = await findUserById(db, demoAdminId);
  const caller = {
    userId: demoAdminId,
    orgId: admin!.org_id,
    role: 'admin' as const,
    name: admin!.name,
    timezone: admin!.timezone,
  };
  // Before the groups, so that their events are in its delivery log.
  if (!(await findEndpoint(db, caller.orgId, demoWebhookEndpoint.id))) {
    await insertEndpoint(db, newEndpoint({ ...demoWebhookEndpoint, orgId: caller.orgId }, clock(), secrets));
  }
  let groups = 0;
  for (const group of demoGroups) {
    if (await findGroup(db, caller.orgId, group.id)) continue;
    try {
      await createGroup(
        { db, clock },
        { caller, requestId: 'seed' },
        {
          name: group.name,
          ownerId: group.ownerId,
          description: group.description,
          privacy: group.privacy,
          members: group.members,
        },
        { groupId: group.id },
      );
      for (const change of group.changes)
        await updateGroup({ db, clock }, { caller, requestId: 'seed' }, group.id, change);
      groups++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'group_name_taken')) throw error;
    }
  }
  // Its URL reaches nobody: disabled, its deliveries wait in its log (`waiting_for`) and none
  // is attempted. `npm run webhooks:listen` gives an endpoint that receives.
  await updateEndpoint(db, caller.orgId, demoWebhookEndpoint.id, {
    status: 'disabled',
    disabledReason: 'disabled_by_admin',
  });
  return { ...loaded, groups };
}
