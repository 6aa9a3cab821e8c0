import { expect } from 'chai';
import type { Database } from '../../../src/data/database.js';
import { placeCommittedEvents } from '../../../src/domain/change-feed.js';

// Placing committed events before a feed read: passes until nothing is left, and a pass that
// lost a race to another process's pass (a deadlock or lock wait) leaves the work to that one.
describe('change feed: placing committed events', () => {
  const db = {} as Database;

  it('runs passes until one places nothing', async () => {
    const placed = [3, 1, 0];
    let passes = 0;
    await placeCommittedEvents(db, () => Promise.resolve(placed[passes++]!));
    expect(passes).to.equal(3);
  });

  it('gives way on a deadlock or a lock wait timeout, and fails on anything else', async () => {
    for (const errno of [1213, 1205]) {
      const lost = Object.assign(new Error('lost the race'), { errno });
      await placeCommittedEvents(db, () => Promise.reject(lost));
    }
    const broken = Object.assign(new Error('table is gone'), { errno: 1146 });
    const thrown = await placeCommittedEvents(db, () => Promise.reject(broken)).catch((error: unknown) => error);
    expect(thrown).to.equal(broken);
  });
});
