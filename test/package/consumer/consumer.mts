// Type-checked with `tsc --strict` in a fresh project that installed the packed SDK.
import {
  createGroupsClient,
  GroupsApiError,
  type AuditEvent,
  type Group,
  type GroupStats,
  type MemberChange,
  type MembersUpdated,
  type StatsDay,
} from '@groups-api/sdk';

const groups = createGroupsClient({
  baseUrl: 'http://localhost:3000',
  getToken: async () => 'token',
  retries: { maxRetries: 1 },
});

export async function typed(): Promise<void> {
  const created = await groups.createGroup({ name: 'Marathon Block A', user_id: 'usr_coach1', privacy: 'private' });
  const status: 'success' = created.status;
  const group: Group = await groups.getGroup(created.group_id);
  const members: string[] = group.members;
  const description: string | null = group.description;
  const stats: GroupStats = await groups.getGroupStats(group.group_id, { range: '30d', timezone: 'Europe/Berlin' });
  const rate: number = stats.summary.engagement_rate;
  for await (const activity of groups.iterateGroupActivities(group.group_id, { start_date: '2025-04-01' })) {
    const meters: number = activity.distance;
    void meters;
  }
  const { data: read, etag }: { data: Group; etag: string } = await groups.getGroupWithETag(group.group_id);
  await groups.updateGroup(read.group_id, { description: 'wave B' }, { ifMatch: etag, timeoutMs: 2000 });
  const change: MemberChange = { add: ['usr_athlete4'], remove: ['usr_athlete1'] };
  const updated: MembersUpdated = await groups.updateMembers(read.group_id, change, { maxAttempts: 3 });
  const latest: string = updated.etag;
  await groups.updateMembers(read.group_id, (current) => current.filter((id) => id !== 'usr_athlete2'));
  await groups.createGroup({ name: 'Keyed', user_id: 'usr_coach1', privacy: 'public' }, { idempotencyKey: 'order-42' });
  const mine = await groups.listGroups({ member: 'me' });
  void latest;
  void mine;
  try {
    await groups.deleteGroup(group.group_id, { ifMatch: latest });
  } catch (error) {
    if (error instanceof GroupsApiError) {
      const code: string = error.code;
      const retryLater: boolean = error.code === 'service_unavailable' || error.isRetryable;
      // @ts-expect-error the API has no code 'group_missing': a misspelled code must not compile
      const misspelled = error.code === 'group_missing';
      void [code, retryLater, misspelled];
    }
  }
  // Resources can be written by hand, as a partner's test fixtures do.
  const quietDay: StatsDay = { date: '2025-04-01', formattedDate: '2025-04-01' };
  const busyDay: StatsDay = {
    date: '2025-04-02',
    formattedDate: '2025-04-02',
    usr_athlete1: { distance: 12.5, duration: 67.2, vdot_load: 38.1, nexrex_ete_plus: 42 },
  };
  // @ts-expect-error a member's totals sit under a user id, not under any key
  const strayKey: StatsDay = { date: '2025-04-02', formattedDate: '2025-04-02', athlete1: { distance: 1 } };
  // The audit event narrows on its action: a rename's before and after are typed.
  const describe = (event: AuditEvent): string =>
    event.action === 'group.updated'
      ? `renamed from ${event.changes.name?.before ?? '?'}`
      : event.action === 'member.added'
        ? `${event.subject_user_id} joined`
        : event.action;
  // @ts-expect-error a membership event has no changes
  const noChanges = (event: AuditEvent) => event.action === 'member.removed' && event.changes.name;
  // @ts-expect-error the API spells it `user_id`; a misspelled field must not compile
  await groups.createGroup({ name: 'Typo', userId: 'usr_coach1' });
  // @ts-expect-error privacy is "public" or "private"
  await groups.updateGroup(group.group_id, { privacy: 'secret' });
  // @ts-expect-error the member filter is "me" only
  await groups.listGroups({ member: 'usr_athlete1' });
  // @ts-expect-error range presets are 7d, 14d, 30d, 60d, 90d or custom
  await groups.getGroupStats(group.group_id, { range: '8d' });
  void [quietDay, busyDay, strayKey, describe, noChanges];
  void status;
  void members;
  void description;
  void rate;
}
