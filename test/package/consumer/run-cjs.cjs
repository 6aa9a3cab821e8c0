const { createGroupsClient, GroupsApiError } = require('@groups-api/sdk');

(async () => {
  const groups = createGroupsClient({ baseUrl: process.env.BASE_URL, token: process.env.COACH_TOKEN });
  const page = await groups.listGroups({ page_size: 5 });
  let problem;
  try {
    await groups.getGroup('grp_doesnotexist');
  } catch (error) {
    problem = error instanceof GroupsApiError ? { status: error.status, code: error.code } : String(error);
  }
  console.log(JSON.stringify({ count: page.count, total_athletes: page.total_athletes, problem }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
