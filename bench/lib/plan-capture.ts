// The floor's plan: every scenario's request sent once to the service's own app in capture
// mode (capture.ts), its statements and response kept for bench/floor.ts to replay.
import { randomBytes } from 'node:crypto';
import { captureRequests, type CaptureRequest } from './capture.js';
import type { RunContext } from './context.js';
import { benchIds } from './dataset.js';
import { readRoute, type FloorPlan, type FloorRoute } from './floor-plan.js';
import { memberLists, writeGroups, type Scenario } from './scenarios.js';

/** Captures every scenario's statements from the service and builds the floor's plan. */
export async function floorPlan(context: RunContext, url: string, scenarios: Scenario[]): Promise<FloorPlan> {
  const { secrets, tokenFor } = context;
  const routes: FloorRoute[] = [];
  const requests: CaptureRequest[] = [];
  const reads = scenarios.filter((scenario) => scenario.kind === 'read');
  for (const scenario of reads)
    requests.push({
      method: 'GET',
      path: scenario.path!,
      token: await tokenFor(scenario.userId),
      requestId: 'bench-capture-read',
    });
  const captured = await captureRequests(url, secrets, requests);
  routes.push(...captured.map((request, index) => readRoute(request, reads[index]!.userId)));
  const coach = benchIds.coach(0);
  const token = await tokenFor(coach);
  if (scenarios.some((scenario) => scenario.kind === 'replace-members')) {
    const { a, b } = memberLists();
    const group = writeGroups[0]!;
    const [toB, toA] = await captureRequests(url, secrets, [
      { method: 'PUT', path: `/api/v1/groups/${group}`, token, body: { members: b }, requestId: 'bench-capture-s5b' },
      { method: 'PUT', path: `/api/v1/groups/${group}`, token, body: { members: a }, requestId: 'bench-capture-s5a' },
    ]);
    for (const [capture, list, requestId] of [
      [toB!, b, 'bench-capture-s5b'],
      [toA!, a, 'bench-capture-s5a'],
    ] as const)
      routes.push({
        kind: 'replace-members',
        batches: capture.batches,
        body: capture.body,
        groupId: group,
        requestId,
        membersKey: [...list].sort().join(','),
      });
  }
  if (scenarios.some((scenario) => scenario.kind === 'create-delete')) {
    const name = `S6 capture ${randomBytes(4).toString('hex')}`;
    const [created] = await captureRequests(url, secrets, [
      {
        method: 'POST',
        path: '/api/v1/groups',
        token,
        body: { name, user_id: coach, privacy: 'public' },
        requestId: 'bench-capture-s6c',
      },
    ]);
    const groupId = (created!.body as { group_id: string }).group_id;
    const [deleted] = await captureRequests(url, secrets, [
      { method: 'DELETE', path: `/api/v1/groups/${groupId}`, token, requestId: 'bench-capture-s6d' },
    ]);
    routes.push({
      kind: 'create',
      batches: created!.batches,
      body: created!.body,
      groupId,
      name,
      requestId: 'bench-capture-s6c',
    });
    routes.push({
      kind: 'delete',
      batches: deleted!.batches,
      body: deleted!.body,
      groupId,
      requestId: 'bench-capture-s6d',
    });
  }
  return { routes };
}
