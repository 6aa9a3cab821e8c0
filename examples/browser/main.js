// Lists the caller's groups, creates one with an idempotency key, reads its ETag, and shows
// what a write with a stale ETag answers (412 precondition_failed).
import { createGroupsClient, GroupsApiError } from './groups-sdk.js';

const params = new URLSearchParams(location.search);
const groups = createGroupsClient({
  baseUrl: params.get('api') ?? 'http://localhost:3000',
  token: params.get('token') ?? '',
});
const show = (id, text) => {
  document.getElementById(id).textContent = text;
};

try {
  const page = await groups.listGroups({ page_size: 10 });
  show('groups', page.groups.map((group) => group.name).join(', ') || '(none)');

  const name = `From a browser ${new Date().toISOString()}`;
  // The key names this create: the SDK's retries of it (a lost answer, a 503) create one group.
  // Each load of the page makes a new name and so a new group.
  const created = await groups.createGroup(
    { name, user_id: params.get('user') ?? 'usr_coach1' },
    { idempotencyKey: `browser-example-${name}` },
  );
  show('created', created.group_id);

  const { etag } = await groups.getGroupWithETag(created.group_id);
  show('etag', etag);

  await groups.updateGroup(created.group_id, { description: 'Written first' }, { ifMatch: etag });
  try {
    await groups.updateGroup(created.group_id, { description: 'Written with a stale ETag' }, { ifMatch: etag });
    show('stale', 'applied (it should not have been)');
  } catch (error) {
    if (!(error instanceof GroupsApiError)) throw error;
    show('stale', `${error.status} ${error.code}`);
  }
  show('status', 'done');
} catch (error) {
  show('status', `${error.name}: ${error.message}`);
}
