// Every operation × every relation of the caller to a group × the group's privacy, over HTTP,
// with the expected outcomes in ONE table that reads like docs/decisions.md's "Who may do what".
// The group: owned by an athlete ("owner"), with two athlete members ("member", "club mate").
import { expect } from 'chai';
import { SignJWT, UnsecuredJWT } from 'jose';
import {
  bearer,
  createGroupVia,
  createOrganization,
  db,
  testApp,
  testSecrets,
  tokenFor,
  uniqueName,
} from '../support/world.js';

type Privacy = 'public' | 'private';
/** An HTTP status, or for list whether the group is in the caller's list. */
type Outcome = 200 | 400 | 401 | 403 | 404 | 'listed' | 'not listed';
type Cell = Outcome | { public: Outcome; private: Outcome };

const sameOrganization = ['admin', 'coach', 'owner', 'member', 'other athlete'] as const;
const otherOrganization = ["other org's admin", "other org's coach", "other org's athlete"] as const;
const unauthenticated = [
  'inactive user',
  'unknown user',
  'no token',
  'expired token',
  'token of another key',
  'alg: none',
  'sub: 0',
  'sub: ["x"]',
  'sub with a trailing space',
] as const;
type Relation =
  (typeof sameOrganization)[number] | (typeof otherOrganization)[number] | (typeof unauthenticated)[number];

interface Row {
  admin: Cell;
  coach: Cell;
  owner: Cell;
  member: Cell;
  'other athlete': Cell;
  /** An admin, a coach and an athlete of another organization, acting in their own. */
  'another organization': { admin: Cell; coach: Cell; athlete: Cell };
  /** Inactive or unknown users and every kind of bad token. */
  unauthenticated: 401;
}

const privateOnly403 = { public: 200, private: 403 } as const;

// docs/decisions.md, "Who may do what" and "Membership is staff's to manage". Mutations and creates
// each get a fresh group; "club mate" is an athlete member of the group (or of the caller's org).
const table: Record<string, Row> = {
  // prettier-ignore
  'create, owner = caller, members = [caller], org_id = the group\'s org': {
    admin: 200, coach: 200, owner: 200, member: 200, 'other athlete': 200,
    'another organization': { admin: 403, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'create, owner = caller, members = [caller, a club mate of the caller]': {
    admin: 200, coach: 200, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 200, coach: 200, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'create, owner = the group\'s owner, members = the group\'s members': {
    admin: 200, coach: 200, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 400, coach: 400, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  get: {
    admin: 200, coach: 200, owner: 200, member: 200, 'other athlete': privateOnly403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  list: {
    admin: 'listed', coach: 'listed', owner: 'listed', member: 'not listed', 'other athlete': 'not listed',
    'another organization': { admin: 'not listed', coach: 'not listed', athlete: 'not listed' },
    unauthenticated: 401,
  },
  // prettier-ignore
  'update description': {
    admin: 200, coach: 200, owner: 200, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'update members: add another athlete': {
    admin: 200, coach: 200, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'update members: add the caller': {
    admin: 200, coach: 200, owner: 200, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'update members: remove the club mate': {
    admin: 200, coach: 200, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'update members: the same list': {
    admin: 200, coach: 200, owner: 200, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  delete: {
    admin: 200, coach: 200, owner: 200, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  activities: {
    admin: 200, coach: 200, owner: 200, member: 200, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  stats: {
    admin: 200, coach: 200, owner: 200, member: 200, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  audit: {
    admin: 200, coach: 200, owner: 200, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'change feed: the group\'s events': {
    admin: 'listed', coach: 'listed', owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 'not listed', coach: 'not listed', athlete: 403 },
    unauthenticated: 401,
  },
  // Webhook endpoints are the admins' (the group plays no part: both privacies ask the same).
  // prettier-ignore
  'webhook endpoints: register one': {
    admin: 200, coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 200, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'webhook endpoints: list (the organization\'s endpoint)': {
    admin: 'listed', coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 'not listed', coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'webhook endpoint: get': {
    admin: 200, coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'webhook endpoint: update (disable)': {
    admin: 200, coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'webhook endpoint: rotate the secret': {
    admin: 200, coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'webhook endpoint: delete': {
    admin: 200, coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'webhook endpoint: delivery log': {
    admin: 200, coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'webhook endpoint: redeliver the group\'s creation': {
    admin: 200, coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'webhook endpoint: send a test event': {
    admin: 200, coach: 403, owner: 403, member: 403, 'other athlete': 403,
    'another organization': { admin: 404, coach: 403, athlete: 403 },
    unauthenticated: 401,
  },
  // prettier-ignore
  'audit of the group after its deletion': {
    admin: 200, coach: 200, owner: 404, member: 404, 'other athlete': 404,
    'another organization': { admin: 404, coach: 404, athlete: 404 },
    unauthenticated: 401,
  },
};

function expectedOutcome(row: Row, relation: Relation, privacy: Privacy): Outcome {
  const cell: Cell = (unauthenticated as readonly string[]).includes(relation)
    ? row.unauthenticated
    : relation.startsWith("other org's ")
      ? row['another organization'][relation.slice("other org's ".length) as 'admin' | 'coach' | 'athlete']
      : row[relation as (typeof sameOrganization)[number]];
  return typeof cell === 'object' ? cell[privacy] : cell;
}

const codes: Record<number, string> = {
  400: 'validation_error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'group_not_found',
};

type Agent = ReturnType<typeof testApp>['request'];
type Auth = Record<string, string>;
interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('authorization matrix: every operation × caller relation × privacy (one table)', () => {
  const relations = [...sameOrganization, ...otherOrganization, ...unauthenticated] as Relation[];
  const privacies: Privacy[] = ['public', 'private'];
  const caseCount = Object.keys(table).length * relations.length * privacies.length;

  let request: Agent;
  let staff: { Authorization: string };
  let users: Record<'admin' | 'coach' | 'owner' | 'member' | 'clubMate' | 'otherAthlete' | 'spare', string>;
  let otherOrgId: string;
  let orgId: string;
  /** The user each authenticated relation acts as; and a club mate of theirs in their own org. */
  const actingAs = new Map<Relation, { userId: string; clubMate: string }>();
  const auth = new Map<Relation, Auth>();
  const sharedGroups = new Map<Privacy, string>();
  const deletedGroups = new Map<Privacy, string>();
  /** The target of refused changes: a refusal leaves it as it was, which each case checks. */
  const untouchedGroups = new Map<Privacy, string>();
  /** The organization's webhook endpoint, which refused changes leave as it was. */
  let sharedEndpoint: string;
  const endpointUrl = 'https://hooks.partner.example/groups';

  const newGroup = (privacy: Privacy) =>
    createGroupVia(request, staff, {
      name: uniqueName('Matrix'),
      user_id: users.owner,
      privacy,
      members: [users.member, users.clubMate],
    });

  before(async function () {
    this.timeout(60_000);
    console.log(`      authorization matrix: ${caseCount} cases`);
    request = testApp().request;
    const org = await createOrganization();
    orgId = org.id;
    users = {
      admin: await org.addUser({ role: 'admin' }),
      coach: await org.addUser({ role: 'coach' }),
      owner: await org.addUser({ role: 'athlete' }),
      member: await org.addUser({ role: 'athlete' }),
      clubMate: await org.addUser({ role: 'athlete' }),
      otherAthlete: await org.addUser({ role: 'athlete' }),
      spare: await org.addUser({ role: 'athlete' }),
    };
    const inactive = await org.addUser({ role: 'coach', status: 'inactive' });
    const other = await createOrganization();
    otherOrgId = other.id;
    const otherUsers = {
      admin: await other.addUser({ role: 'admin' }),
      coach: await other.addUser({ role: 'coach' }),
      athlete: await other.addUser({ role: 'athlete' }),
      clubMate: await other.addUser({ role: 'athlete' }),
    };
    staff = await bearer(users.admin);

    const own = (userId: string, clubMate: string) => ({ userId, clubMate });
    actingAs.set('admin', own(users.admin, users.spare));
    actingAs.set('coach', own(users.coach, users.spare));
    actingAs.set('owner', own(users.owner, users.spare));
    actingAs.set('member', own(users.member, users.spare));
    actingAs.set('other athlete', own(users.otherAthlete, users.spare));
    actingAs.set("other org's admin", own(otherUsers.admin, otherUsers.clubMate));
    actingAs.set("other org's coach", own(otherUsers.coach, otherUsers.clubMate));
    actingAs.set("other org's athlete", own(otherUsers.athlete, otherUsers.clubMate));
    for (const [relation, { userId }] of actingAs) auth.set(relation, await bearer(userId));

    const secret = new TextEncoder().encode(testSecrets.jwtSecret);
    const signed = (sub: unknown) =>
      new SignJWT({ sub } as Record<string, unknown>)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(secret);
    const header = (token: string) => ({ Authorization: `Bearer ${token}` });
    auth.set('inactive user', header(await tokenFor(inactive)));
    auth.set('unknown user', header(await tokenFor('usr_nobody_at_all')));
    auth.set('no token', {});
    auth.set(
      'expired token',
      header(await tokenFor(users.admin, { now: new Date(Date.now() - 7_200_000), ttlSeconds: 600 })),
    );
    auth.set(
      'token of another key',
      header(await tokenFor(users.admin, { secret: 'another-secret-0123456789abcdef0123456789' })),
    );
    auth.set(
      'alg: none',
      header(new UnsecuredJWT({}).setSubject(users.admin).setIssuedAt().setExpirationTime('1h').encode()),
    );
    auth.set('sub: 0', header(await signed(0)));
    auth.set('sub: ["x"]', header(await signed([users.admin])));
    auth.set('sub with a trailing space', header(await signed(`${users.admin} `)));

    sharedEndpoint = await newEndpoint();
    for (const privacy of privacies) {
      sharedGroups.set(privacy, await newGroup(privacy));
      untouchedGroups.set(privacy, await newGroup(privacy));
      const deleted = await newGroup(privacy);
      const gone = await request.delete(`/api/v1/groups/${deleted}`).set(staff);
      expect(gone.status).to.equal(200);
      deletedGroups.set(privacy, deleted);
    }
  });

  after(async () => {
    // Their deliveries are no other test's to send.
    await db()('webhook_endpoints').whereIn('org_id', [orgId, otherOrgId]).delete();
  });

  const newEndpoint = async () => {
    const answer = await request.post('/api/v1/webhook-endpoints').set(staff).send({ url: endpointUrl });
    expect(answer.status, answer.text).to.equal(200);
    return answer.body.endpoint.id as string;
  };
  const endpointFor = (expected: Outcome) => (expected === 200 ? newEndpoint() : Promise.resolve(sharedEndpoint));
  const endpointState = async (endpointId: string) => {
    const answer = await request.get(`/api/v1/webhook-endpoints/${endpointId}`).set(staff);
    return answer.status === 200
      ? (answer.body as { status: string; previous_secret_expires_at: string | null })
      : null;
  };
  const deliveryCount = async (endpointId: string) =>
    Number(
      (await db()('webhook_deliveries').where({ endpoint_id: endpointId }).count<{ n: number }[]>({ n: '*' }))[0]!.n,
    );

  const target = (privacy: Privacy, expected: Outcome) =>
    expected === 200 ? newGroup(privacy) : Promise.resolve(untouchedGroups.get(privacy)!);
  const groupState = async (groupId: string) => {
    const answer = await request.get(`/api/v1/groups/${groupId}`).set(staff);
    return answer.status === 200 ? (answer.body as { description: string | null; members: string[] }) : null;
  };
  const groupNamed = async (name: string, org: string) =>
    (await db()('groups').where({ org_id: org, name }).first()) as { id: string } | undefined;

  /** Each operation: send it, and check its effect (or its absence) on the stored group. */
  const operations: Record<string, (relation: Relation, privacy: Privacy, expected: Outcome) => Promise<Answer>> = {
    "create, owner = caller, members = [caller], org_id = the group's org": async (relation, privacy, expected) => {
      const me = actingAs.get(relation)?.userId ?? users.admin;
      const name = uniqueName('Own');
      const answer = await request
        .post('/api/v1/groups')
        .set(auth.get(relation)!)
        .send({ name, user_id: me, members: [me], privacy, org_id: orgId });
      const org = relation.startsWith("other org's ") ? otherOrgId : orgId;
      expect(Boolean(await groupNamed(name, org)), 'stored').to.equal(expected === 200);
      return answer;
    },
    'create, owner = caller, members = [caller, a club mate of the caller]': async (relation, privacy, expected) => {
      const { userId, clubMate } = actingAs.get(relation) ?? { userId: users.admin, clubMate: users.spare };
      const name = uniqueName('With mate');
      const answer = await request
        .post('/api/v1/groups')
        .set(auth.get(relation)!)
        .send({ name, user_id: userId, members: [userId, clubMate], privacy });
      const org = relation.startsWith("other org's ") ? otherOrgId : orgId;
      expect(Boolean(await groupNamed(name, org)), 'stored').to.equal(expected === 200);
      if (expected === 403) expect(answer.body.detail).to.match(/member/i);
      return answer;
    },
    "create, owner = the group's owner, members = the group's members": async (relation, privacy, expected) => {
      const name = uniqueName('For owner');
      const answer = await request
        .post('/api/v1/groups')
        .set(auth.get(relation)!)
        .send({ name, user_id: users.owner, members: [users.member, users.clubMate], privacy });
      const stored = (await groupNamed(name, orgId)) ?? (await groupNamed(name, otherOrgId));
      expect(Boolean(stored), 'stored').to.equal(expected === 200);
      return answer;
    },
    get: async (relation, privacy) => {
      const groupId = sharedGroups.get(privacy)!;
      const answer = await request.get(`/api/v1/groups/${groupId}`).set(auth.get(relation)!);
      if (answer.status === 200) expect(answer.body).to.include({ group_id: groupId, privacy, owner_id: users.owner });
      return answer;
    },
    list: async (relation, privacy) => {
      const answer = await request.get('/api/v1/groups?page_size=100').set(auth.get(relation)!);
      if (answer.status !== 200) return answer;
      const ids = (answer.body.groups as { group_id: string }[]).map((group) => group.group_id);
      const staffCaller = ['admin', 'coach', "other org's admin", "other org's coach"].includes(relation);
      expect(answer.body, 'summary fields').to.satisfy((body: object) =>
        staffCaller ? 'total_athletes' in body : !('total_athletes' in body),
      );
      return { status: 200, body: { listed: ids.includes(sharedGroups.get(privacy)!) } };
    },
    'update description': async (relation, privacy, expected) => {
      const groupId = await target(privacy, expected);
      const answer = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(auth.get(relation)!)
        .send({ description: 'changed' });
      expect((await groupState(groupId))?.description).to.equal(expected === 200 ? 'changed' : null);
      return answer;
    },
    'update members: add another athlete': (relation, privacy, expected) =>
      changeMembers(relation, privacy, expected, (members) => [...new Set([...members, users.otherAthlete])]),
    'update members: add the caller': (relation, privacy, expected) =>
      changeMembers(relation, privacy, expected, (members) => [
        ...new Set([...members, actingAs.get(relation)?.userId ?? users.admin]),
      ]),
    'update members: remove the club mate': (relation, privacy, expected) =>
      changeMembers(relation, privacy, expected, (members) => members.filter((id) => id !== users.clubMate)),
    'update members: the same list': (relation, privacy, expected) =>
      changeMembers(relation, privacy, expected, (members) => [...members].reverse()),
    delete: async (relation, privacy, expected) => {
      const groupId = await target(privacy, expected);
      const answer = await request.delete(`/api/v1/groups/${groupId}`).set(auth.get(relation)!);
      expect(await groupState(groupId), 'still there').to.satisfy((state: unknown) =>
        expected === 200 ? state === null : state !== null,
      );
      return answer;
    },
    activities: (relation, privacy) =>
      request.get(`/api/v1/groups/${sharedGroups.get(privacy)!}/activities`).set(auth.get(relation)!),
    stats: (relation, privacy) =>
      request.get(`/api/v1/groups/${sharedGroups.get(privacy)!}/stats?range=7d`).set(auth.get(relation)!),
    audit: (relation, privacy) =>
      request.get(`/api/v1/groups/${sharedGroups.get(privacy)!}/audit`).set(auth.get(relation)!),
    'audit of the group after its deletion': (relation, privacy) =>
      request.get(`/api/v1/groups/${deletedGroups.get(privacy)!}/audit`).set(auth.get(relation)!),
    'webhook endpoints: register one': async (relation, _privacy, expected) => {
      const description = uniqueName('Matrix hook');
      const answer = await request
        .post('/api/v1/webhook-endpoints')
        .set(auth.get(relation)!)
        .send({ url: endpointUrl, description });
      const stored = await db()('webhook_endpoints').where({ description }).first();
      expect(Boolean(stored), 'stored').to.equal(expected === 200);
      if (expected === 200) await db()('webhook_endpoints').where({ description }).delete();
      return answer;
    },
    "webhook endpoints: list (the organization's endpoint)": async (relation) => {
      const answer = await request.get('/api/v1/webhook-endpoints').set(auth.get(relation)!);
      if (answer.status !== 200) return answer;
      const ids = (answer.body.endpoints as { id: string }[]).map((endpoint) => endpoint.id);
      return { status: 200, body: { listed: ids.includes(sharedEndpoint) } };
    },
    'webhook endpoint: get': async (relation) => {
      const answer = await request.get(`/api/v1/webhook-endpoints/${sharedEndpoint}`).set(auth.get(relation)!);
      if (answer.status === 200) expect(answer.body).to.include({ id: sharedEndpoint, url: endpointUrl });
      return answer;
    },
    'webhook endpoint: update (disable)': async (relation, _privacy, expected) => {
      const endpointId = await endpointFor(expected);
      const answer = await request
        .put(`/api/v1/webhook-endpoints/${endpointId}`)
        .set(auth.get(relation)!)
        .send({ status: 'disabled' });
      expect((await endpointState(endpointId))?.status).to.equal(expected === 200 ? 'disabled' : 'enabled');
      return answer;
    },
    'webhook endpoint: rotate the secret': async (relation, _privacy, expected) => {
      const endpointId = await endpointFor(expected);
      const answer = await request
        .post(`/api/v1/webhook-endpoints/${endpointId}/rotate-secret`)
        .set(auth.get(relation)!);
      const rotated = (await endpointState(endpointId))?.previous_secret_expires_at ?? null;
      expect(rotated === null, 'not rotated').to.equal(expected !== 200);
      return answer;
    },
    'webhook endpoint: delete': async (relation, _privacy, expected) => {
      const endpointId = await endpointFor(expected);
      const answer = await request.delete(`/api/v1/webhook-endpoints/${endpointId}`).set(auth.get(relation)!);
      expect(await endpointState(endpointId), 'still there').to.satisfy((state: unknown) =>
        expected === 200 ? state === null : state !== null,
      );
      return answer;
    },
    'webhook endpoint: delivery log': (relation) =>
      request.get(`/api/v1/webhook-endpoints/${sharedEndpoint}/deliveries`).set(auth.get(relation)!),
    'webhook endpoint: send a test event': async (relation, _privacy, expected) => {
      const before = await deliveryCount(sharedEndpoint);
      const answer = await request.post(`/api/v1/webhook-endpoints/${sharedEndpoint}/test`).set(auth.get(relation)!);
      expect(await deliveryCount(sharedEndpoint), 'deliveries').to.equal(before + (expected === 200 ? 1 : 0));
      if (answer.status === 200)
        expect(answer.body).to.include({ endpoint_id: sharedEndpoint, event_type: 'webhook_endpoint.ping' });
      return answer;
    },
    "webhook endpoint: redeliver the group's creation": async (relation, privacy, expected) => {
      const created = (await db()<{ id: string; subject_id: string; type: string }>('change_events')
        .where({ subject_id: sharedGroups.get(privacy)!, type: 'group.created' })
        .first('id'))!;
      const before = await deliveryCount(sharedEndpoint);
      const answer = await request
        .post(`/api/v1/webhook-endpoints/${sharedEndpoint}/deliveries`)
        .set(auth.get(relation)!)
        .send({ event_id: created.id });
      expect(await deliveryCount(sharedEndpoint), 'deliveries').to.equal(before + (expected === 200 ? 1 : 0));
      return answer;
    },
    "change feed: the group's events": async (relation, privacy) => {
      const answer = await request.get('/api/v1/events?types=group.created&limit=100').set(auth.get(relation)!);
      if (answer.status !== 200) return answer;
      const groups = (answer.body.events as { group_id: string }[]).map((event) => event.group_id);
      return { status: 200, body: { listed: groups.includes(sharedGroups.get(privacy)!) } };
    },
  };

  async function changeMembers(
    relation: Relation,
    privacy: Privacy,
    expected: Outcome,
    change: (members: string[]) => string[],
  ): Promise<Answer> {
    const groupId = await target(privacy, expected);
    const before = (await groupState(groupId))!.members;
    const wanted = change(before);
    const answer = await request.put(`/api/v1/groups/${groupId}`).set(auth.get(relation)!).send({ members: wanted });
    const after = (await groupState(groupId))!.members;
    expect(after, 'members afterwards').to.deep.equal(expected === 200 ? [...new Set(wanted)].sort() : before);
    if (expected === 403 && relation === 'owner') expect(answer.body.detail).to.match(/member/i);
    return answer;
  }

  for (const [operation, row] of Object.entries(table)) {
    describe(operation, () => {
      for (const relation of relations) {
        for (const privacy of privacies) {
          const expected = expectedOutcome(row, relation, privacy);
          it(`${relation}, ${privacy} group → ${expected}`, async () => {
            const answer = await operations[operation]!(relation, privacy, expected);
            if (expected === 'listed' || expected === 'not listed') {
              expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
              expect(answer.body.listed, 'the group is in the list').to.equal(expected === 'listed');
              return;
            }
            expect(answer.status, JSON.stringify(answer.body)).to.equal(expected);
            if (expected === 200) expect(answer.body).to.not.have.property('code');
            else
              expect(answer.body.code).to.equal(
                expected === 404 && operation.startsWith('webhook') ? 'webhook_endpoint_not_found' : codes[expected],
              );
          });
        }
      }
    });
  }
});
