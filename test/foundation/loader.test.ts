import { expect } from 'chai';
import { DatasetError } from '../../src/sandbox/dataset.js';
import { loadDataset } from '../../src/sandbox/load.js';
import { db, uniqueSuffix } from '../support/world.js';

function dataset(suffix: string) {
  const org = `org_load${suffix}`;
  const coach = `usr_coach${suffix}`;
  const athlete = `usr_ath${suffix}`;
  return {
    organizations: [{ id: org, name: 'Load Club' }],
    users: [
      { id: coach, org_id: org, name: 'Coach', role: 'coach', status: 'active', timezone: 'Europe/Berlin' },
      { id: athlete, org_id: org, name: 'Athlete', role: 'athlete', status: 'active' },
    ],
    activities: [
      {
        id: `act_one${suffix}`,
        org_id: org,
        user_id: athlete,
        name: 'Morning run',
        type: 'run',
        sub_type: 'easy-run',
        status: 'completed',
        start_time: '2025-04-01T05:30:00.250Z',
        start_date_local: '2025-04-01',
        distance: 8012.5,
        duration: 2700,
        vdot_load: 31.2,
        nexrex_ete_plus: null,
      },
    ],
  };
}

async function countRows(org: string) {
  const [users, activities, orgs] = await Promise.all([
    db()('users').where({ org_id: org }).count({ n: '*' }).first(),
    db()('activities').where({ org_id: org }).count({ n: '*' }).first(),
    db()('organizations').where({ id: org }).count({ n: '*' }).first(),
  ]);
  return { organizations: Number(orgs?.n), users: Number(users?.n), activities: Number(activities?.n) };
}

describe('sandbox loader (db:load)', () => {
  it('inserts organizations, users and activities with their values', async () => {
    const suffix = uniqueSuffix();
    const data = dataset(suffix);
    expect(await loadDataset(db(), data)).to.deep.equal({ organizations: 1, users: 2, activities: 1 });
    const activity = await db()('activities')
      .where({ id: `act_one${suffix}` })
      .first();
    expect(activity).to.include({
      user_id: `usr_ath${suffix}`,
      sub_type: 'easy-run',
      start_date_local: '2025-04-01',
      distance: 8012.5,
      duration: 2700,
      vdot_load: 31.2,
      nexrex_ete_plus: null,
    });
    expect(new Date(activity.start_time).toISOString()).to.equal('2025-04-01T05:30:00.250Z');
    const coach = await db()('users')
      .where({ id: `usr_coach${suffix}` })
      .first();
    expect(coach).to.include({ role: 'coach', timezone: 'Europe/Berlin', status: 'active' });
  });

  it('updates rows that already exist when loaded again', async () => {
    const suffix = uniqueSuffix();
    const data = dataset(suffix);
    await loadDataset(db(), data);
    data.users[1]!.status = 'inactive';
    data.activities[0]!.distance = 9000;
    await loadDataset(db(), data);
    expect(await countRows(`org_load${suffix}`)).to.deep.equal({ organizations: 1, users: 2, activities: 1 });
    expect(
      (
        await db()('users')
          .where({ id: `usr_ath${suffix}` })
          .first()
      ).status,
    ).to.equal('inactive');
    expect(
      (
        await db()('activities')
          .where({ id: `act_one${suffix}` })
          .first()
      ).distance,
    ).to.equal(9000);
  });

  it('writes nothing when one row is invalid, and names the row and field', async () => {
    const suffix = uniqueSuffix();
    const data = dataset(suffix);
    data.activities.push({ ...data.activities[0]!, id: `act_two${suffix}`, start_time: 'yesterday' });
    try {
      await loadDataset(db(), data);
      expect.fail('the invalid file was loaded');
    } catch (error) {
      expect(error).to.be.instanceOf(DatasetError);
      expect((error as DatasetError).problems).to.deep.equal([
        'activities[1].start_time: must match format "date-time"',
      ]);
      expect((error as Error).message).to.contain('nothing was written');
    }
    expect(await countRows(`org_load${suffix}`)).to.deep.equal({ organizations: 0, users: 0, activities: 0 });
  });

  it('writes nothing when a row refers to a user that does not exist', async () => {
    const suffix = uniqueSuffix();
    const data = dataset(suffix);
    data.activities[0]!.user_id = 'usr_ghost';
    try {
      await loadDataset(db(), data);
      expect.fail('the file was loaded');
    } catch (error) {
      expect((error as DatasetError).problems).to.deep.equal(['activities[0].user_id: user usr_ghost does not exist']);
    }
    expect(await countRows(`org_load${suffix}`)).to.deep.equal({ organizations: 0, users: 0, activities: 0 });
  });

  it('refuses unknown fields, bad enums, unknown time zones and an activity filed under another organization', async () => {
    const suffix = uniqueSuffix();
    const data = dataset(suffix) as ReturnType<typeof dataset> & { teams?: unknown };
    (data.users[0] as Record<string, unknown>).email = 'x@example.org';
    data.users[1]!.role = 'captain';
    data.users[1]!.timezone = 'Mars/Olympus';
    data.teams = [];
    try {
      await loadDataset(db(), data);
      expect.fail('the file was loaded');
    } catch (error) {
      expect((error as DatasetError).problems).to.have.members([
        'teams: is not a known table (organizations, users, activities)',
        'users[0].email: is not a known field',
        'users[1].role: must be one of athlete, coach, admin',
      ]);
    }
    const again = dataset(suffix);
    again.users[1]!.timezone = 'Mars/Olympus';
    try {
      await loadDataset(db(), again);
      expect.fail('the file was loaded');
    } catch (error) {
      expect((error as DatasetError).problems).to.deep.equal([
        'users[1].timezone: Mars/Olympus is not an IANA time zone',
      ]);
    }
    const foreign = dataset(suffix);
    foreign.organizations.push({ id: `org_other${suffix}`, name: 'Other' });
    foreign.activities[0]!.org_id = `org_other${suffix}`;
    try {
      await loadDataset(db(), foreign);
      expect.fail('the file was loaded');
    } catch (error) {
      expect((error as DatasetError).problems).to.deep.equal([
        `activities[0].org_id: user usr_ath${suffix} belongs to org_load${suffix}, not org_other${suffix}`,
      ]);
    }
    expect(await countRows(`org_load${suffix}`)).to.deep.equal({ organizations: 0, users: 0, activities: 0 });
  });
});
