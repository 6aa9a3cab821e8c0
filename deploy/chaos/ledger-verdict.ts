// The database against the ledger, once every node is Synced again: every acknowledged write
// is stored, nothing is stored twice or by nobody, a create without 200 is absent or whole, and
// each group's audit trail replays to its stored members.
import knexFactory, { type Knex } from 'knex';
import type { Topology } from '../cluster.js';
import { orgId } from './fixture.js';
import { sameMembers, type Ledger } from './ledger.js';
import { tableChecksums } from './replication-checks.js';

interface AuditRow {
  group_id: string;
  action: string;
  subject_user_id: string | null;
}

export async function databaseVerdict(topology: Topology, ledger: Ledger) {
  for (const node of topology.nodes) await node.waitSynced(3, 60_000);
  const checksums = await tableChecksums(topology);
  const db = knexFactory({ client: 'mysql2', connection: topology.connection(topology.ports.dbRead) });
  try {
    return { checksums, ...(await verifyLedger(db, ledger)) };
  } finally {
    await db.destroy();
  }
}

export type DatabaseVerdict = Awaited<ReturnType<typeof databaseVerdict>>;

const groupedBy = <Row extends { group_id: string }>(rows: Row[]) => {
  const byGroup = new Map<string, Row[]>();
  for (const row of rows) byGroup.set(row.group_id, [...(byGroup.get(row.group_id) ?? []), row]);
  return byGroup;
};

/** Whether an audit trail, replayed in order, gives a group that exists as stored. */
function replaysTo(events: AuditRow[], exists: boolean, members: string[]): boolean {
  let replayedExists = false;
  const replayed = new Set<string>();
  for (const event of events) {
    if (event.action === 'group.created') replayedExists = true;
    if (event.action === 'group.deleted') replayedExists = false;
    if (event.action === 'member.added') replayed.add(event.subject_user_id!);
    if (event.action === 'member.removed') replayed.delete(event.subject_user_id!);
  }
  const created = events.filter((event) => event.action === 'group.created').length;
  return created === 1 && replayedExists === exists && (!exists || sameMembers([...replayed], members));
}

async function verifyLedger(db: Knex, ledger: Ledger) {
  const { groups, unacknowledgedCreates } = ledger;
  const unacknowledgedNames = unacknowledgedCreates.map((create) => create.name);
  const rowsByName = await db<{ id: string; org_id: string; name: string }>('groups')
    .where({ org_id: orgId })
    .select('id', 'name');
  const namesSeen = new Map<string, number>();
  for (const row of rowsByName) namesSeen.set(row.name, (namesSeen.get(row.name) ?? 0) + 1);
  const duplicatedNames = [...namesSeen.values()].filter((count) => count > 1).length;

  const committedUnacknowledged = rowsByName.filter((row) => unacknowledgedNames.includes(row.name));
  const known = new Set([...groups.map((group) => group.id), ...committedUnacknowledged.map((row) => row.id)]);
  const phantoms = rowsByName.filter((row) => !known.has(row.id)).length;

  const memberRows = await db<{ group_id: string; org_id: string; user_id: string }>('group_members')
    .where({ org_id: orgId })
    .select('group_id', 'user_id');
  const groupedMembers = groupedBy(memberRows);
  const membersOf = (groupId: string) => (groupedMembers.get(groupId) ?? []).map((row) => row.user_id);
  const existing = new Set(rowsByName.map((row) => row.id));

  const auditRows = await db<AuditRow & { org_id: string; seq: number }>('audit_events')
    .where({ org_id: orgId })
    .orderBy('seq')
    .select('group_id', 'action', 'subject_user_id');
  const eventsOf = groupedBy(auditRows);

  let lost = 0;
  let duplicated = duplicatedNames;
  let auditMismatches = 0;
  const problems: string[] = [];
  for (const group of groups) {
    const exists = existing.has(group.id);
    const members = membersOf(group.id);
    if (group.deleted ? exists : !exists || !sameMembers(members, group.members)) {
      lost++;
      problems.push(
        `${group.id}: expected ${group.deleted ? 'deleted' : group.members.join(',')}, found ${exists ? members.join(',') : 'no group'}`,
      );
    }
  }
  // A create that got no 200 but was committed must have been committed whole.
  let partialCreates = 0;
  for (const row of committedUnacknowledged) {
    const requested = unacknowledgedCreates.find((create) => create.name === row.name)!;
    if (!sameMembers(membersOf(row.id), requested.members)) {
      partialCreates++;
      problems.push(`${row.id}: committed without the members it was created with`);
    }
  }
  for (const id of known) {
    const events = eventsOf.get(id) ?? [];
    const created = events.filter((event) => event.action === 'group.created').length;
    const deletedEvents = events.filter((event) => event.action === 'group.deleted').length;
    if (created > 1 || deletedEvents > 1) duplicated++;
    if (!replaysTo(events, existing.has(id), membersOf(id))) {
      auditMismatches++;
      problems.push(`${id}: audit trail does not replay to the stored state`);
    }
  }
  return {
    lost,
    duplicated,
    phantoms,
    auditMismatches,
    committedUnacknowledged: committedUnacknowledged.length,
    partialCreates,
    groupsChecked: known.size,
    auditEvents: auditRows.length,
    problems,
  };
}
