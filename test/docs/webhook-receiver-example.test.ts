// examples/webhook-receiver/server.ts as a partner runs it: type-checked under --strict against
// the packed SDK, compiled, started with its endpoint's secret, and sent real deliveries by a
// dispatcher. It handles each event once (a redelivery is dropped as a duplicate) and refuses
// a request signed with another secret.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { ChildService, freePort } from '../support/processes.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { installPackedSdk, repositoryRoot, strictTscArgs, tsc } from '../support/packed-sdk.js';
import { runCommand } from '../support/run-command.js';
import { createGroupVia, testApp, uniqueName } from '../support/world.js';
import { cleanUpWebhooks, registerEndpoint, testDispatcher, webhookOrganization } from '../webhooks/support.js';

describe('the webhook receiver example, compiled against the packed SDK and sent real deliveries', function () {
  this.timeout(300_000);
  let project: string;
  let receiver: ChildService | undefined;

  before(async () => {
    await cleanUpWebhooks();
    ({ project } = await installPackedSdk('groups-webhook-example-'));
    mkdirSync(join(project, 'out'));
    // A Node program: Node's types and libraries, not the DOM's.
    const nodeArgs = strictTscArgs.filter((arg) => arg !== '--noEmit' && arg !== '--lib' && !arg.includes('dom'));
    const typeRoots = join(repositoryRoot, 'node_modules', '@types');
    const example = join(repositoryRoot, 'examples/webhook-receiver/server.ts');
    await runCommand(
      tsc,
      [...nodeArgs, '--lib', 'es2022', '--types', 'node', '--typeRoots', typeRoots, '--outDir', 'out', example],
      project,
    );
  });

  after(async () => {
    await receiver?.stop();
    await cleanUpWebhooks();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('verifies, handles each event once, and refuses a forgery', async () => {
    const { request } = testApp();
    const world = await webhookOrganization();
    const port = await freePort();
    const { id, secret } = await registerEndpoint(request, world.admin, { url: `http://127.0.0.1:${port}/` });
    receiver = ChildService.start({
      command: [process.execPath, join(project, 'out', 'server.js')],
      cwd: project,
      env: { WEBHOOK_SECRET: secret, PORT: String(port) },
    });
    await pollUntil('the example listens', deadlineFor(10_000), async () => {
      if (receiver!.hasExited()) throw new Error(`the example exited: ${receiver!.stderr}`);
      return receiver!.logs.some((line) => line.listening === true);
    });

    const groupId = await createGroupVia(request, world.coach, { name: uniqueName('Example'), user_id: world.coachId });
    testDispatcher({ pollIntervalMs: 20 });
    await pollUntil('the example handled the event', deadlineFor(2000), async () =>
      receiver!.logs.some((line) => line.group === groupId),
    );
    const handled = receiver.logs.find((line) => line.group === groupId)!;
    expect(handled.created).to.match(/^Example /);

    const again = await request
      .post(`/api/v1/webhook-endpoints/${id}/deliveries`)
      .set(world.admin)
      .send({ event_id: handled.event });
    expect(again.status).to.equal(200);
    await pollUntil('the redelivery succeeded', deadlineFor(2000), async () => {
      const log = await request.get(`/api/v1/webhook-endpoints/${id}/deliveries`).set(world.admin);
      return (log.body.deliveries as { status: string }[]).every((delivery) => delivery.status === 'succeeded');
    });
    expect(
      receiver.logs.filter((line) => line.event === handled.event),
      'handled once',
    ).to.have.length(1);

    const body = JSON.stringify({ id: 'evt_forged', type: 'group.deleted' });
    const at = new Date();
    const forged = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      body,
      headers: {
        'webhook-id': 'evt_forged',
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(`whsec_${Buffer.from('not the secret'.padEnd(32)).toString('base64')}`).sign(
          'evt_forged',
          at,
          body,
        ),
      },
    });
    expect(forged.status).to.equal(400);
    expect(await forged.text()).to.equal('bad_signature');
  });
});
