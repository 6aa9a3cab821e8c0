// Runs every SDK method against a live server and prints what came back, as JSON.
import { createGroupsClient, GroupsApiError, GroupsNetworkError } from '@groups-api/sdk';

const { BASE_URL, COACH_TOKEN, OWNER_ID, MEMBER_A, MEMBER_B } = process.env;
const groups = createGroupsClient({ baseUrl: BASE_URL, getToken: () => COACH_TOKEN });
const out = {};

const created = await groups.createGroup({
  name: 'SDK Block',
  user_id: OWNER_ID,
  description: 'made by the SDK',
  privacy: 'private',
  members: [MEMBER_A],
});
out.created = created;
out.group = await groups.getGroup(created.group_id);
out.updated = await groups.updateGroup(created.group_id, {
  description: 'changed by the SDK',
  members: [MEMBER_A, MEMBER_B],
});
out.afterUpdate = await groups.getGroup(created.group_id);
out.listPage = await groups.listGroups({ page_size: 1 });
out.iteratedGroups = [];
for await (const group of groups.iterateGroups({ page_size: 1 })) out.iteratedGroups.push(group.name);
out.activitiesPage = await groups.listGroupActivities(created.group_id, { limit: 2 });
out.iteratedActivities = [];
for await (const activity of groups.iterateGroupActivities(created.group_id, { limit: 2 }))
  out.iteratedActivities.push(activity.activity_id);
out.stats = await groups.getGroupStats(created.group_id, { range: '7d', timezone: 'UTC' });
out.auditPage = await groups.listGroupAuditEvents(created.group_id, { page_size: 2 });
out.iteratedAudit = [];
for await (const event of groups.iterateGroupAuditEvents(created.group_id, { page_size: 2 }))
  out.iteratedAudit.push(event.action);
out.rawStatus = (
  await groups.raw.GET('/api/v1/groups/{group_id}', { params: { path: { group_id: created.group_id } } })
).response.status;
out.etag = (await groups.getGroupWithETag(created.group_id)).etag;
out.membersUpdated = await groups.updateMembers(created.group_id, { remove: [MEMBER_B] });
try {
  await groups.createGroup({ name: 'sdk block', user_id: OWNER_ID });
} catch (error) {
  out.conflict =
    error instanceof GroupsApiError
      ? { status: error.status, code: error.code, title: error.title, requestId: error.requestId }
      : String(error);
}
out.deleted = await groups.deleteGroup(created.group_id);
try {
  await groups.getGroup(created.group_id);
} catch (error) {
  out.missing = error instanceof GroupsApiError ? { status: error.status, code: error.code } : String(error);
}
try {
  await createGroupsClient({
    baseUrl: 'http://127.0.0.1:9',
    token: 't',
    retries: { maxRetries: 1, baseDelayMs: 1 },
  }).listGroups();
} catch (error) {
  out.network = error instanceof GroupsNetworkError ? error.name : String(error);
}
console.log(JSON.stringify(out));
