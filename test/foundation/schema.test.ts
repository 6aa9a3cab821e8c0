import { expect } from 'chai';
import { isUniqueViolation } from '../../src/data/errors.js';
import { createOrganization, db } from '../support/world.js';

describe('database schema', () => {
  it('refuses two groups with the same name key in one organization, and allows it across organizations', async () => {
    const [first, second] = [await createOrganization(), await createOrganization()];
    const ownerA = await first.addUser({ role: 'coach' });
    const ownerB = await second.addUser({ role: 'coach' });
    const row = (id: string, orgId: string, ownerId: string) => ({
      id,
      org_id: orgId,
      name: 'Speed',
      name_key: 'speed',
      privacy: 'public',
      owner_id: ownerId,
      created_at: new Date(),
      updated_at: new Date(),
    });
    await db()('groups').insert(row(`grp_a${first.id}`, first.id, ownerA));
    await db()('groups').insert(row(`grp_b${second.id}`, second.id, ownerB));
    try {
      await db()('groups').insert(row(`grp_c${first.id}`, first.id, ownerA));
      expect.fail('the duplicate name key was stored');
    } catch (error) {
      expect(isUniqueViolation(error)).to.equal(true);
    }
  });

  it('treats ids as case-sensitive', async () => {
    const org = await createOrganization();
    const lower = await org.addUser();
    expect(
      await db()('users')
        .where({ id: lower.toUpperCase().replace('USR_', 'usr_') })
        .first(),
    ).to.equal(undefined);
  });

  it('keeps datetimes to the millisecond in UTC', async () => {
    const org = await createOrganization();
    const user = await org.addUser();
    const stored = await db()('users').where({ id: user }).select('created_at').first();
    const at = new Date('2031-02-03T04:05:06.789Z');
    await db()('users').where({ id: user }).update({ created_at: at });
    const reread = await db()('users').where({ id: user }).select('created_at').first();
    expect(stored).to.not.equal(undefined);
    expect(new Date(reread.created_at).toISOString()).to.equal('2031-02-03T04:05:06.789Z');
  });

  it('keeps audit events of a group after the group is gone (no foreign key)', async () => {
    const org = await createOrganization();
    await db()('audit_events').insert({
      id: `aud_x${org.id}`,
      org_id: org.id,
      group_id: 'grp_never_existed',
      action: 'group.deleted',
      actor_id: 'usr_x',
      created_at: new Date(),
    });
    expect(await db()('audit_events').where({ group_id: 'grp_never_existed', org_id: org.id }).first()).to.include({
      action: 'group.deleted',
    });
  });
});
