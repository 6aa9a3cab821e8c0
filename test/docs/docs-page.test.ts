// The hosted docs as a browser shows them: headless Chromium opens /docs on a live server and
// finds every operation with its curl and SDK samples calling the server that serves the page,
// with no console error; a screenshot is kept under test-output/.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { pino } from 'pino';
import type { Browser, Locator } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { listOperations, loadSpec } from '../../src/spec.js';
import { launchChromium } from '../support/chromium.js';
import { testDatabase } from '../support/hooks.js';
import { recordResponse } from '../support/spec-coverage.js';
import { testSecrets } from '../support/world.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const operationsByTag: Record<string, [summary: string, method: string, path: string][]> = {
  Groups: [
    ['Create a group', 'POST', '/api/v1/groups'],
    ['List groups', 'GET', '/api/v1/groups'],
    ['Get a group', 'GET', '/api/v1/groups/{group_id}'],
    ['Update a group', 'PUT', '/api/v1/groups/{group_id}'],
    ['Delete a group', 'DELETE', '/api/v1/groups/{group_id}'],
  ],
  Activity: [
    ['Get group activities', 'GET', '/api/v1/groups/{group_id}/activities'],
    ['Get group stats', 'GET', '/api/v1/groups/{group_id}/stats'],
  ],
  Audit: [["Get a group's audit log", 'GET', '/api/v1/groups/{group_id}/audit']],
  Events: [['Read the change feed', 'GET', '/api/v1/events']],
  'Webhook endpoints': [
    ['Register a webhook endpoint', 'POST', '/api/v1/webhook-endpoints'],
    ['List webhook endpoints', 'GET', '/api/v1/webhook-endpoints'],
    ['Get a webhook endpoint', 'GET', '/api/v1/webhook-endpoints/{endpoint_id}'],
    ['Update, disable or enable a webhook endpoint', 'PUT', '/api/v1/webhook-endpoints/{endpoint_id}'],
    ['Delete a webhook endpoint', 'DELETE', '/api/v1/webhook-endpoints/{endpoint_id}'],
    ["Rotate an endpoint's signing secret", 'POST', '/api/v1/webhook-endpoints/{endpoint_id}/rotate-secret'],
    ["List an endpoint's deliveries", 'GET', '/api/v1/webhook-endpoints/{endpoint_id}/deliveries'],
    ['Redeliver an event', 'POST', '/api/v1/webhook-endpoints/{endpoint_id}/deliveries'],
    ['Send a test event', 'POST', '/api/v1/webhook-endpoints/{endpoint_id}/test'],
  ],
};
/** The events the API sends (openapi.yaml `webhooks`), shown in Redoc's Webhooks section. */
const webhookEvents = [
  'A group was created',
  'A group was updated',
  'A group was deleted',
  'Members joined or left a group',
  'An endpoint has been paused for 15 minutes',
  'A paused endpoint answers again',
  'An endpoint was disabled for failing',
  'A ping to check a receiver',
];

/** Whether the panel's visible text comes to include `text` (highlighting splits it into many elements). */
async function shows(panel: Locator, text: string): Promise<boolean> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if ((await panel.innerText()).includes(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** GET /docs with a Host header of our choosing (fetch may not set Host). */
function docsFor(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(`${url}/docs`, { headers: { Host: host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

describe('hosted API docs', function () {
  this.timeout(120_000);
  let running: RunningServer;
  let browser: Browser;

  before(async () => {
    await promisify(execFile)('npm', ['run', '-s', 'docs'], { cwd: root });
    const config = { ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0' }), ...testSecrets };
    running = await startServer(config, createDatabase(testDatabase().options), pino({ level: 'silent' }), {
      onRequestCompleted: recordResponse,
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('renders every operation with no console error, listing this server first, curl and SDK samples calling it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(running.url) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    const response = await page.goto(`${running.url}/docs`, { waitUntil: 'load' });
    expect(response?.status()).to.equal(200);
    expect(response?.headers()['content-security-policy'])
      .to.contain("img-src 'self' data:")
      .and.contain("connect-src 'self'");
    const servers = page.getByText('This server (serving these docs)', { exact: true }).first();
    await servers.waitFor({ state: 'visible', timeout: 15_000 });

    const rendered: string[] = [];
    // The docs render one tag section at a time: open each from the sidebar, then each of its
    // operations; its request-samples panel shows one sample at a time, picked from a menu.
    for (const [tag, operations] of Object.entries(operationsByTag)) {
      await page.getByText(tag, { exact: true }).first().click();
      for (const [summary, method, path] of operations) {
        await page.locator('li').getByText(summary, { exact: true }).first().click();
        await page
          .locator('h2')
          .getByText(summary, { exact: true })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
        const panel = page
          .locator('.panel-request-samples')
          .filter({ hasText: new RegExp(`${method}\\s*${path.replace(/[{}]/g, '\\$&')}`) })
          .first();
        for (const [tab, expected] of [
          ['curl', `${running.url}/api/v1/`],
          ['SDK', `createGroupsClient({ baseUrl: '${running.url}'`],
        ]) {
          await panel
            .locator('button')
            .filter({ hasText: /^(curl|SDK|Payload)$/ })
            .first()
            .click();
          await page.getByRole('menuitem', { name: tab, exact: true }).click();
          expect(await shows(panel, expected!), `${summary}: ${tab} sample names ${expected}`).to.equal(true);
        }
        rendered.push(summary);
      }
    }
    expect(rendered).to.have.length(listOperations(loadSpec()).length);
    // The events the API sends, on a fresh page: open the Webhooks tag, then each event.
    const events = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await events.goto(`${running.url}/docs`, { waitUntil: 'load' });
    await events.locator('li').getByText('Webhooks', { exact: true }).first().click();
    for (const summary of webhookEvents) {
      const item = events.locator('li').getByText(summary, { exact: true }).first();
      await item.waitFor({ state: 'visible', timeout: 15_000 });
      await item.click();
      await events.locator('h2', { hasText: summary }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }
    expect(
      await events.getByText('webhook-signature', { exact: true }).count(),
      'the signature header is shown',
    ).to.be.above(0);
    await events.close();
    expect(outside, 'the page fetches nothing from other hosts').to.deep.equal([]);
    expect(problems, 'no console error, page error or failed request').to.deep.equal([]);
    mkdirSync(`${root}/test-output`, { recursive: true });
    await page.screenshot({ path: `${root}/test-output/docs.png` });
    await page.close();
  });

  it("shows the docs unchanged to a host that is one of the spec's servers, and writes no forged Host into the page", async () => {
    const production = await docsFor(running.url, 'api.astral.run');
    expect(production.status).to.equal(200);
    expect(production.body).to.not.include('This server (serving these docs)');
    expect(production.body).to.include('"servers":[{"url":"https://api.astral.run"');
    const local = await docsFor(running.url, 'localhost:3000');
    expect(local.body).to.include(
      '"servers":[{"url":"http://localhost:3000","description":"This server (serving these docs)"}',
    );
    const forged = await docsFor(running.url, 'evil.example"><script>alert(1)</script>');
    expect(forged.body).to.not.include('alert(1)');
    expect(forged.body).to.not.include('This server (serving these docs)');
  });
});
