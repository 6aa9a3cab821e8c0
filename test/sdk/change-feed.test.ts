// The SDK's change feed on a live server: typed events narrowed by `type`, a type filter sent
// as the spec declares it (`types=a,b`), and page-by-page iteration that resumes from a saved
// cursor without missing or repeating an event.
import { expect } from 'chai';
import { createGroupsClient, type ChangeEvent, type GroupsClient } from '../../sdk/src/index.js';
import type { RunningServer } from '../../src/server.js';
import { liveServer } from '../support/live-server.js';
import { coachOfNewOrganization, tokenFor, uniqueName } from '../support/world.js';

describe('SDK: the change feed on a live server', function () {
  this.timeout(60_000);
  let running: RunningServer;
  let groups: GroupsClient;
  let coachId: string;
  let athletes: string[];

  before(async () => {
    running = await liveServer();
    ({ coachId, athletes } = await coachOfNewOrganization(2));
    groups = createGroupsClient({ baseUrl: running.url, token: await tokenFor(coachId) });
  });

  after(async () => {
    await running?.stop();
  });

  it('pages through every event, resumes from a saved cursor, and filters by several types', async () => {
    const created = await groups.createGroup({ name: uniqueName('SDK feed'), user_id: coachId });
    await groups.updateMembers(created.group_id, { add: athletes });
    await groups.updateGroup(created.group_id, { description: 'Thursdays' });

    const seen: ChangeEvent[] = [];
    let saved: string | undefined;
    for await (const page of groups.iterateEventPages({ limit: 1 })) {
      seen.push(...page.events);
      saved = page.next_cursor;
    }
    expect(seen.map((event) => [event.type, event.sequence])).to.deep.equal([
      ['group.created', 1],
      ['group.members_changed', 2],
      ['group.updated', 3],
    ]);
    const membership = seen[1]!;
    if (membership.type !== 'group.members_changed') throw new Error('narrowing by type');
    expect(membership.data.added).to.deep.equal([...athletes].sort());

    await groups.deleteGroup(created.group_id);
    const resumed = await groups.listEvents({ after: saved });
    expect(resumed.events.map((event) => event.type)).to.deep.equal(['group.deleted']);

    const two = await groups.listEvents({ types: ['group.created', 'group.deleted'] });
    expect(two.events.map((event) => event.type)).to.deep.equal(['group.created', 'group.deleted']);
  });
});
