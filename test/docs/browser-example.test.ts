// examples/browser/ in Chromium, as a partner's page: served from its own origin with the SDK's
// browser bundle, calling the API on another origin through CORS. From an allowed origin it
// lists, creates with an idempotency key, reads the ETag and shows the 412 of a stale write;
// from an origin that is not allowed, the SDK reports one GroupsNetworkError naming CORS, and
// the API saw one preflight (no retries).
import { readFileSync } from 'node:fs';
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
import { dialect } from '../support/database.js';
import { testDatabase } from '../support/hooks.js';
import { repositoryRoot } from '../support/packed-sdk.js';
import { runCommand } from '../support/run-command.js';
import { recordResponse } from '../support/spec-coverage.js';
import { createOrganization, testSecrets } from '../support/world.js';

const files: Record<string, [path: string, type: string]> = {
  '/index.html': ['examples/browser/index.html', 'text/html'],
  '/main.js': ['examples/browser/main.js', 'text/javascript'],
  '/groups-sdk.js': ['sdk/dist/browser/groups-sdk.js', 'text/javascript'],
};

/** The example's folder, with the bundle beside it, as a static site on a port of its own. */
async function staticSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file[1] }).end(readFileSync(join(repositoryRoot, file[0])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
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

if (dialect === 'sqlite')
  describe('the browser example in Chromium, with the SDK bundle and CORS', function () {
    this.timeout(180_000);
    let allowed: Awaited<ReturnType<typeof staticSite>>;
    let refused: Awaited<ReturnType<typeof staticSite>>;
    let running: RunningServer;
    let browser: Browser;
    const seen: { method: string; path: string }[] = [];

    before(async () => {
      await runCommand('npm', ['run', '-s', 'sdk:build'], repositoryRoot);
      allowed = await staticSite();
      refused = await staticSite();
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
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      await running?.stop();
      for (const site of [allowed, refused]) await new Promise((resolve) => site?.server.close(resolve));
    });

    const pageUrl = async (origin: string) => {
      const org = await createOrganization();
      const coach = await org.addUser({ role: 'coach' });
      const token = await signToken({ secret: testSecrets.jwtSecret, userId: coach, ttlSeconds: 600 });
      return `${origin}/index.html?${new URLSearchParams({ api: running.url, token, user: coach }).toString()}`;
    };

    it('lists, creates with an idempotency key, reads the ETag and shows 412 on a stale write, with no console error', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      const shown = await runExample(page, await pageUrl(allowed.origin));
      expect(shown.status).to.equal('done');
      expect(shown.groups).to.equal('(none)');
      expect(shown.created).to.match(/^grp_[A-Za-z0-9_-]{16,}$/);
      expect(shown.etag).to.equal('"v1"');
      expect(shown.stale).to.equal('412 precondition_failed');
      // The stale write's 412 is logged by the browser as a failed resource load, which is the point.
      expect(errors.filter((text) => !text.includes('412'))).to.deep.equal([]);
      await page.close();
    });

    it('reports a request the browser blocks as one GroupsNetworkError naming CORS, without retrying it', async () => {
      const page = await browser.newPage();
      seen.length = 0;
      const shown = await runExample(page, await pageUrl(refused.origin));
      expect(shown.status).to.match(/^GroupsNetworkError: The Groups API could not be reached: .*most likely CORS/);
      expect(shown.status).to.include(`is this page's origin, ${refused.origin}, in the API's CORS_ORIGINS?`);
      expect(shown.groups).to.equal('…');
      // The browser's preflight, answered without the origin's permission, and nothing after it.
      expect(seen).to.deep.equal([{ method: 'OPTIONS', path: '/api/v1/groups' }]);
      await page.close();
    });
  });
