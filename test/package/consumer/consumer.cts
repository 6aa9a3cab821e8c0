// The same package resolved through its CommonJS types.
import sdk = require('@groups-api/sdk');

const groups = sdk.createGroupsClient({ baseUrl: 'http://localhost:3000', token: 'token' });
export const list: Promise<sdk.GroupList> = groups.listGroups({ page_size: 10 });
// @ts-expect-error page_size is a number
export const wrong = groups.listGroups({ page_size: 'ten' });
