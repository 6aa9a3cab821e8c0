// Who the chaos run acts as and on: one organization, its admin (the load's caller) and 30
// athletes, loaded through the service's own loader; the noisy neighbour's organization beside it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { neighbourOrgId } from './noisy-neighbour.js';

export const orgId = 'org_chaos';
export const adminId = 'usr_chaos_admin';
export const athletes = Array.from({ length: 30 }, (_, index) => `usr_chaos_a${String(index + 1).padStart(2, '0')}`);
/** The organization's webhook endpoint, whose receiver must get every event. */
export const endpointId = 'whe_chaos';

/** Writes the data set `npm run db:load` takes into `dir`; returns its path. */
export function writeDataset(dir: string): string {
  const file = join(dir, 'dataset.json');
  writeFileSync(
    file,
    JSON.stringify({
      organizations: [
        { id: orgId, name: 'Chaos club' },
        { id: neighbourOrgId, name: 'Noisy neighbour' },
      ],
      users: [
        { id: adminId, org_id: orgId, name: 'Chaos admin', role: 'admin', status: 'active' },
        ...athletes.map((id, index) => ({
          id,
          org_id: orgId,
          name: `Athlete ${index + 1}`,
          role: 'athlete',
          status: 'active',
        })),
      ],
      activities: [],
    }),
  );
  return file;
}
