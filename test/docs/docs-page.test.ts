// The hosted docs as a browser shows them: headless Chromium opens /docs on a live server and
// finds every operation; a screenshot is kept under test-output/.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { dialect } from '../support/database.js';
import { testDatabase } from '../support/hooks.js';
import { recordResponse } from '../support/spec-coverage.js';
import { testSecrets } from '../support/world.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const operationsByTag: Record<string, string[]> = {
  Groups: ['Create a group', 'List groups', 'Get a group', 'Update a group', 'Delete a group'],
  Activity: ['Get group activities', 'Get group stats'],
  Audit: ["Get a group's audit log"],
};

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
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('serves one self-contained page that renders all eight operations', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const outside: string[] = [];
    // The Redoc build still points its sidebar logo at a CDN; the page's CSP blocks it, so
    // no request to another host may complete.
    page.on('requestfinished', (request) => {
      if (!request.url().startsWith(running.url) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    const response = await page.goto(`${running.url}/docs`, { waitUntil: 'load' });
    expect(response?.status()).to.equal(200);
    expect(response?.headers()['content-security-policy'])
      .to.contain("img-src 'self' data:")
      .and.contain("connect-src 'self'");
    const rendered: string[] = [];
    // The docs render one tag section at a time: open each from the sidebar, then each of its
    // operations, and find the operation's heading on the page.
    for (const [tag, summaries] of Object.entries(operationsByTag)) {
      await page.getByText(tag, { exact: true }).first().click();
      for (const summary of summaries) {
        await page.locator('li').getByText(summary, { exact: true }).first().click();
        await page
          .locator('h2')
          .getByText(summary, { exact: true })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
        rendered.push(summary);
      }
    }
    expect(rendered).to.have.length(8);
    await page.getByText('Groups', { exact: true }).first().click();
    await page
      .getByText('curl -X POST https://api.astral.run/api/v1/groups', { exact: false })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    expect(outside, 'the page fetches nothing from other hosts').to.deep.equal([]);
    mkdirSync(`${root}/test-output`, { recursive: true });
    await page.screenshot({ path: `${root}/test-output/docs-${dialect}.png` });
    await page.close();
  });
});
