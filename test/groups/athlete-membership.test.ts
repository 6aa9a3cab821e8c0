// docs/decisions.md, "Membership is staff's to manage": an athlete's create or update may change the
// member list only by the athlete themselves.
import { expect } from 'chai';
import { bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

describe("groups: membership is staff's to manage", () => {
  let request: Agent;
  let coachId: string;
  let coach: { Authorization: string };
  let athleteId: string;
  let athlete: { Authorization: string };
  let clubMates: string[];

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    athleteId = await org.addUser({ role: 'athlete' });
    athlete = await bearer(athleteId);
    clubMates = [await org.addUser({ role: 'athlete' }), await org.addUser({ role: 'athlete' })];
  });

  const membersOf = async (groupId: string) =>
    (await request.get(`/api/v1/groups/${groupId}`).set(coach)).body.members as string[];

  /** A group the athlete owns with the first club mate in it, put there by the coach. */
  const athleteGroupWithClubMate = () =>
    createGroupVia(request, coach, { name: uniqueName('Own log'), user_id: athleteId, members: [clubMates[0]] });

  describe('create', () => {
    it('when an athlete creates a group with a club mate as member, answers 403 and creates nothing', async () => {
      const name = uniqueName('Spy group');
      const response = await request
        .post('/api/v1/groups')
        .set(athlete)
        .send({ name, user_id: athleteId, members: [athleteId, clubMates[0]] });
      expect(response.status).to.equal(403);
      expect(response.body.code).to.equal('forbidden');
      expect(response.body.detail).to.match(/^Membership is staff's to manage/);
      const list = await request.get('/api/v1/groups?page_size=100').set(athlete);
      expect(list.body.groups.map((group: { name: string }) => group.name)).not.to.include(name);
    });

    it('when an athlete creates a group with a coach as only member, answers 403', async () => {
      const name = uniqueName('Coach watch');
      const response = await request
        .post('/api/v1/groups')
        .set(athlete)
        .send({ name, user_id: athleteId, members: [coachId] });
      expect(response.status).to.equal(403);
      expect(response.body.code).to.equal('forbidden');
      expect(response.body.detail).to.match(/^Membership is staff's to manage/);
      const list = await request.get('/api/v1/groups?page_size=100').set(coach);
      expect(list.body.groups.map((group: { name: string }) => group.name)).not.to.include(name);
    });

    it('when an athlete creates a group with only themselves as member, answers 200', async () => {
      const groupId = await createGroupVia(request, athlete, {
        name: uniqueName('Solo'),
        user_id: athleteId,
        members: [athleteId],
      });
      expect(await membersOf(groupId)).to.deep.equal([athleteId]);
    });

    it('when a coach creates a group owned by an athlete with other members, answers 200', async () => {
      const groupId = await athleteGroupWithClubMate();
      expect(await membersOf(groupId)).to.deep.equal([clubMates[0]]);
    });
  });

  describe('update by the athlete who owns the group', () => {
    it('adding another athlete answers 403 and changes nothing', async () => {
      const groupId = await athleteGroupWithClubMate();
      const response = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(athlete)
        .send({ members: [clubMates[0], clubMates[1]] });
      expect(response.status).to.equal(403);
      expect(response.body.detail).to.match(/^Membership is staff's to manage/);
      expect(await membersOf(groupId)).to.deep.equal([clubMates[0]]);
    });

    it('removing another athlete answers 403 and changes nothing, not even the other fields', async () => {
      const groupId = await athleteGroupWithClubMate();
      const response = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(athlete)
        .send({ description: 'changed', members: [] });
      expect(response.status).to.equal(403);
      const group = await request.get(`/api/v1/groups/${groupId}`).set(coach);
      expect(group.body.members).to.deep.equal([clubMates[0]]);
      expect(group.body.description).to.equal(null);
    });

    it('sending the member list unchanged answers 200', async () => {
      const groupId = await athleteGroupWithClubMate();
      const response = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(athlete)
        .send({ description: 'my log', members: [clubMates[0]] });
      expect(response.status).to.equal(200);
      expect(await membersOf(groupId)).to.deep.equal([clubMates[0]]);
    });

    it('adding and then removing themselves answers 200 both times', async () => {
      const groupId = await athleteGroupWithClubMate();
      const add = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(athlete)
        .send({ members: [clubMates[0], athleteId] });
      expect(add.status).to.equal(200);
      expect(await membersOf(groupId)).to.have.members([clubMates[0], athleteId]);
      const remove = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(athlete)
        .send({ members: [clubMates[0]] });
      expect(remove.status).to.equal(200);
      expect(await membersOf(groupId)).to.deep.equal([clubMates[0]]);
    });

    it('swapping a club mate for themselves answers 403', async () => {
      const groupId = await athleteGroupWithClubMate();
      const response = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(athlete)
        .send({ members: [athleteId] });
      expect(response.status).to.equal(403);
      expect(response.body.detail).to.match(/^Membership is staff's to manage/);
      expect(await membersOf(groupId)).to.deep.equal([clubMates[0]]);
    });
  });

  it("a coach may still change the members of an athlete's group", async () => {
    const groupId = await athleteGroupWithClubMate();
    const response = await request
      .put(`/api/v1/groups/${groupId}`)
      .set(coach)
      .send({ members: [clubMates[1], athleteId] });
    expect(response.status).to.equal(200);
    expect(await membersOf(groupId)).to.have.members([clubMates[1], athleteId]);
  });
});
