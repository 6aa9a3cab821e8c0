// The docs/decisions.md table, cell by cell, against the pure authorization module.
import { expect } from 'chai';
import {
  mayChangeMembers,
  mayCreateGroupOwnedBy,
  mayOnGroup,
  mayReadDeletedGroupAudit,
  seesWholeOrganization,
  type GroupAction,
} from '../../../src/domain/authorization.js';
import type { Caller, Role } from '../../../src/domain/caller.js';

const caller = (role: Role, userId = `usr_${role}`): Caller => ({
  userId,
  orgId: 'org_a',
  role,
  name: role,
  timezone: null,
});

type Relation = 'admin' | 'coach' | 'owner' | 'member' | 'other athlete';

function facts(relation: Relation, privacy: 'public' | 'private') {
  const who =
    relation === 'admin'
      ? caller('admin')
      : relation === 'coach'
        ? caller('coach')
        : caller('athlete', `usr_${relation.replace(' ', '_')}`);
  return { who, group: { ownerId: 'usr_owner', privacy, callerIsMember: relation === 'member' } };
}

const table: Record<GroupAction, Record<Relation, [publicGroup: boolean, privateGroup: boolean]>> = {
  read: {
    admin: [true, true],
    coach: [true, true],
    owner: [true, true],
    member: [true, true],
    'other athlete': [true, false],
  },
  update: {
    admin: [true, true],
    coach: [true, true],
    owner: [true, true],
    member: [false, false],
    'other athlete': [false, false],
  },
  delete: {
    admin: [true, true],
    coach: [true, true],
    owner: [true, true],
    member: [false, false],
    'other athlete': [false, false],
  },
  readActivity: {
    admin: [true, true],
    coach: [true, true],
    owner: [true, true],
    member: [true, true],
    'other athlete': [false, false],
  },
  readAudit: {
    admin: [true, true],
    coach: [true, true],
    owner: [true, true],
    member: [false, false],
    'other athlete': [false, false],
  },
};

describe('authorization table', () => {
  for (const [action, row] of Object.entries(table) as [GroupAction, Record<Relation, [boolean, boolean]>][]) {
    for (const [relation, [onPublic, onPrivate]] of Object.entries(row) as [Relation, [boolean, boolean]][]) {
      it(`${action}: ${relation} ${onPublic ? 'may' : 'may not'} on a public group and ${onPrivate ? 'may' : 'may not'} on a private one`, () => {
        const publicCase = facts(relation, 'public');
        const privateCase = facts(relation, 'private');
        expect(mayOnGroup(publicCase.who, action, publicCase.group)).to.equal(onPublic);
        expect(mayOnGroup(privateCase.who, action, privateCase.group)).to.equal(onPrivate);
      });
    }
  }

  it('create: admins and coaches may name any owner, athletes only themselves', () => {
    expect(mayCreateGroupOwnedBy(caller('admin'), 'usr_someone')).to.equal(true);
    expect(mayCreateGroupOwnedBy(caller('coach'), 'usr_someone')).to.equal(true);
    expect(mayCreateGroupOwnedBy(caller('athlete'), 'usr_athlete')).to.equal(true);
    expect(mayCreateGroupOwnedBy(caller('athlete'), 'usr_someone')).to.equal(false);
  });

  it('list: admins and coaches see the whole organization, athletes their own groups', () => {
    expect([
      seesWholeOrganization(caller('admin')),
      seesWholeOrganization(caller('coach')),
      seesWholeOrganization(caller('athlete')),
    ]).to.deep.equal([true, true, false]);
  });

  it('audit of a deleted group: admins and coaches only', () => {
    expect([
      mayReadDeletedGroupAudit(caller('admin')),
      mayReadDeletedGroupAudit(caller('coach')),
      mayReadDeletedGroupAudit(caller('athlete')),
    ]).to.deep.equal([true, true, false]);
  });
});

describe("membership rule: staff's to manage", () => {
  const me = caller('athlete', 'usr_me');
  const rows: [who: Caller, current: string[], wanted: string[], allowed: boolean][] = [
    [me, [], [], true],
    [me, [], ['usr_me'], true],
    [me, [], ['usr_mate'], false],
    [me, [], ['usr_me', 'usr_mate'], false],
    [me, ['usr_mate'], ['usr_mate'], true],
    [me, ['usr_mate'], ['usr_mate', 'usr_me'], true],
    [me, ['usr_mate', 'usr_me'], ['usr_mate'], true],
    [me, ['usr_mate'], [], false],
    [me, ['usr_mate'], ['usr_me'], false],
    [me, ['usr_mate'], ['usr_mate', 'usr_other'], false],
    [caller('coach'), ['usr_mate'], ['usr_other'], true],
    [caller('admin'), [], ['usr_mate', 'usr_other'], true],
  ];
  for (const [who, current, wanted, allowed] of rows) {
    it(`${who.role} ${who.userId}: [${current.join(', ')}] -> [${wanted.join(', ')}] ${allowed ? 'allowed' : 'refused'}`, () => {
      expect(mayChangeMembers(who, current, wanted)).to.equal(allowed);
    });
  }
});
