// examples/browser/ in Chromium, as a partner's page: served from its own origin with the browser
// bundle of the packed SDK (what a partner installs), calling the API on another origin through
// CORS. The allowed page is on a name of its own (http://partner.test, mapped to this machine by
// Chromium's resolver only), so, like a page on http://192.168.…, it is not a secure context and
// has no crypto.randomUUID. From there the example lists, creates with an idempotency key, reads
// the ETag and shows the 412 of a stale write, and the SDK's own keys come from its fallback; from
// an origin that is not allowed, the SDK reports one GroupsNetworkError naming CORS, and the API
// saw one preflight (no retries).
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { signToken } from '../../src/auth/sign-token.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { launchChromium } from '../support/chromium.js';
import { testDatabase } from '../support/hooks.js';
import { installPackedSdk, repositoryRoot } from '../support/packed-sdk.js';
import { recordResponse } from '../support/spec-coverage.js';
import { createOrganization, testSecrets, uniqueName } from '../support/world.js';

const partnerHost = 'partner.test';
const version4Key = /^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/;

/** The example's folder, with the bundle beside it, as a static site on a port of its own. */
async function staticSite(bundle: string, host = '127.0.0.1'): Promise<{ server: Server; origin: string }> {
  const files: Record<string, [path: string, type: string]> = {
    '/index.html': [join(repositoryRoot, 'examples/browser/index.html'), 'text/html'],
    '/main.js': [join(repositoryRoot, 'examples/browser/main.js'), 'text/javascript'],
    '/groups-sdk.js': [bundle, 'text/javascript'],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file[1] }).end(readFileSync(file[0]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
}

/** Opens the example and waits until its status line says it finished, one way or the other. */
async function runExample(page: Page, url: string): Promise<Record<string, string>> {
  await page.goto(url);
  await page.waitForFunction("document.getElementById('status')?.textContent !== 'running'", undefined, {
    timeout: 30_000,
  });
  const shown: Record<string, string> = {};
  for (const id of ['groups', 'created', 'etag', 'stale', 'status'])
    shown[id] = (await page.locator(`#${id}`).textContent()) ?? '';
  return shown;
}

describe('the browser example in Chromium, with the SDK bundle and CORS', function () {
  this.timeout(180_000);
  let allowed: Awaited<ReturnType<typeof staticSite>>;
  let refused: Awaited<ReturnType<typeof staticSite>>;
  let running: RunningServer;
  let browser: Browser;
  let project: string | undefined;
  const seen: { method: string; path: string }[] = [];

  before(async () => {
    ({ project } = await installPackedSdk('groups-browser-example-'));
    const bundle = join(project, 'node_modules', '@groups-api', 'sdk', 'dist', 'browser', 'groups-sdk.js');
    allowed = await staticSite(bundle, partnerHost);
    refused = await staticSite(bundle);
    const config = {
      ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', CORS_ORIGINS: allowed.origin }),
      ...testSecrets,
    };
    running = await startServer(config, createDatabase(testDatabase().options), pino({ level: 'silent' }), {
      onRequestCompleted: (completed) => {
        seen.push({ method: completed.method, path: completed.path });
        recordResponse(completed);
      },
    });
    browser = await launchChromium([`--host-resolver-rules=MAP ${partnerHost} 127.0.0.1`]);
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
    for (const site of [allowed, refused]) await new Promise((resolve) => site?.server.close(resolve));
    if (project) rmSync(project, { recursive: true, force: true });
  });

  /** A coach of a new organization, a token for it, and the example's URL on `origin` as that coach. */
  const coachPage = async (origin: string) => {
    const org = await createOrganization();
    const coach = await org.addUser({ role: 'coach' });
    const token = await signToken({ secret: testSecrets.jwtSecret, userId: coach, ttlSeconds: 600 });
    const url = `${origin}/index.html?${new URLSearchParams({ api: running.url, token, user: coach }).toString()}`;
    return { coach, token, url };
  };

  const createGroup = async (token: string, body: { name: string; user_id: string }) => {
    const answer = await fetch(`${running.url}/api/v1/groups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(answer.status, await answer.clone().text()).to.equal(200);
  };

  it('lists, creates with an idempotency key, reads the ETag and shows 412 on a stale write, with no console error', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const { coach, token, url } = await coachPage(allowed.origin);
    const existing = uniqueName('Made before the page opened');
    await createGroup(token, { name: existing, user_id: coach });
    const shown = await runExample(page, url);
    expect(shown.status).to.equal('done');
    expect(shown.groups).to.equal(existing);
    expect(shown.created).to.match(/^grp_[A-Za-z0-9_-]{16,}$/);
    expect(shown.etag).to.equal('"v1"');
    expect(shown.stale).to.equal('412 precondition_failed');
    // The stale write's 412 is logged by the browser as a failed resource load, which is the point.
    expect(errors.filter((text) => !text.includes('412'))).to.deep.equal([]);
    await page.close();
  });

  it('creates with a key of its own outside a secure context, built from crypto.getRandomValues', async () => {
    const page = await browser.newPage();
    const { coach, token, url } = await coachPage(allowed.origin);
    expect((await runExample(page, url)).status).to.equal('done');
    // The bundle as the page loaded it, with a fetch that notes each attempt's key.
    const outcome = await page.evaluate<{
      secure: boolean;
      randomUUID: string;
      keys: string[];
      created: string;
    }>(`(async () => {
        const { createGroupsClient } = await import('./groups-sdk.js');
        const keys = [];
        const groups = createGroupsClient({
          baseUrl: ${JSON.stringify(running.url)},
          token: ${JSON.stringify(token)},
          fetch: (request) => {
            keys.push(request.headers.get('Idempotency-Key'));
            return fetch(request);
          },
        });
        const created = await groups.createGroup({ name: 'Keyed by the SDK', user_id: ${JSON.stringify(coach)} });
        return { secure: isSecureContext, randomUUID: typeof crypto.randomUUID, keys, created: created.group_id };
      })()`);
    expect(outcome.secure).to.equal(false);
    expect(outcome.randomUUID).to.equal('undefined');
    expect(outcome.keys).to.have.length(1);
    expect(outcome.keys[0]).to.match(version4Key);
    expect(outcome.created).to.match(/^grp_/);
    await page.close();
  });

  it('reports a request the browser blocks as one GroupsNetworkError naming CORS, without retrying it', async () => {
    const page = await browser.newPage();
    seen.length = 0;
    const shown = await runExample(page, (await coachPage(refused.origin)).url);
    expect(shown.status).to.match(/^GroupsNetworkError: The Groups API could not be reached: .*most likely CORS/);
    expect(shown.status).to.include(`is this page's origin, ${refused.origin}, in the API's CORS_ORIGINS?`);
    expect(shown.groups).to.equal('…');
    // The browser's preflight, answered without the origin's permission, and nothing after it.
    expect(seen).to.deep.equal([{ method: 'OPTIONS', path: '/api/v1/groups' }]);
    await page.close();
  });
});
