// The benchmark is not a test; this only checks that its scripts start, drive the service and
// its floor, and write a results file, on tiny data in a database of its own (MySQL only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createDatabase } from '../../src/data/database.js';
import { dialect } from '../support/database.js';

describe('benchmark smoke test', function () {
  before(function () {
    if (dialect !== 'mysql') this.skip();
  });

  it('generates tiny data, runs scenarios against service and both floors, and writes results', async function () {
    this.timeout(240_000);
    const server = new URL(process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test');
    const database = `groups_bench_smoke_${process.pid}`;
    server.pathname = `/${database}`;
    const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    try {
      const run = spawnSync(
        'node',
        [
          '--import',
          'tsx',
          'bench/run.ts',
          '--quick',
          '--generate',
          '--only',
          'S1,S2,S3,S4-90d,S7,S6',
          '--skip',
          'validation',
          '--out',
          out,
        ],
        {
          // The production entry from src/, so that the smoke test needs no build.
          env: {
            ...process.env,
            DATABASE_URL: server.toString(),
            NODE_ENV: '',
            BENCH_START: 'node --import tsx src/cli/serve.ts',
          },
          encoding: 'utf8',
          timeout: 220_000,
        },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`).to.equal(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      const reads = ['S1', 'S2', 'S3', 'S4-90d', 'S7'];
      expect(results.scenarios.map((s: { id: string }) => s.id)).to.deep.equal([
        'S1',
        'S2',
        'S3',
        'S4-90d',
        'S6',
        'S7',
      ]);
      for (const scenario of results.scenarios) {
        expect(scenario.service.requests, scenario.id).to.be.greaterThan(0);
        expect(scenario.floor.requests, scenario.id).to.be.greaterThan(0);
        expect(scenario.service.errors + scenario.service.non2xx, scenario.id).to.equal(0);
        expect(scenario.floor.errors + scenario.floor.non2xx, scenario.id).to.equal(0);
        expect(scenario.ratio, scenario.id).to.be.greaterThan(0);
        expect(scenario.ratioRounds.length, scenario.id).to.be.at.most(results.settings.rounds);
      }
      // The plain floor judges the reads only, and only when it answers what the service answers:
      // the same status and JSON (the same group, the same activities in the same order).
      for (const scenario of results.scenarios.filter((s: { id: string }) => reads.includes(s.id))) {
        const { plain } = scenario;
        expect(plain.answers.plainFloor, `${scenario.id}: the plain floor's answer`).to.equal(plain.answers.service);
        expect(plain.floor.requests, scenario.id).to.be.greaterThan(0);
        expect(plain.floor.errors + plain.floor.non2xx, scenario.id).to.equal(0);
        expect(plain.ratio, scenario.id).to.be.greaterThan(0);
        expect(plain.ratioRounds.length, scenario.id).to.be.at.most(results.settings.rounds);
      }
      expect(results.scenarios.find((s: { id: string }) => s.id === 'S6').plain).to.equal(undefined);
      // The anchors' statements, tried on the tiny data: every one answered, each more than once.
      expect(results.anchors.map((anchor: { id: string }) => anchor.id)).to.include.members(['R-feed', 'R-list']);
      for (const anchor of results.anchors) expect(anchor.requests, anchor.id).to.be.greaterThan(1);
      expect(results.memory.main.heap.totalMb, 'the heap snapshot').to.be.greaterThan(0);
      expect(results.coldStartMs).to.have.length(1);
      expect(results.coldStartFloorMs).to.have.length(1);
      expect(results.rssAfterRun.set).to.equal('main');
      expect(results.rssAfterRun.mb).to.equal(results.memory.main.endRssMb);
      expect(results.profile.topSelf).to.have.length.greaterThan(0);
      expect(readFileSync(join(out, 'RESULTS.md'), 'utf8')).to.contain('| S6 |');
      // The webhook stage: every change of both latency runs reached the receiver, and the
      // queued deliveries were all sent (the numbers are the benchmark's to judge).
      expect(results.webhooks.latencyInsideApiMs.samples).to.equal(results.webhooks.changes);
      expect(results.webhooks.latencyStandaloneMs.samples).to.equal(results.webhooks.changes);
      expect(results.webhooks.throughput.spread.perSecond).to.be.greaterThan(0);
      expect(results.webhooks.throughput.spread.succeeded).to.equal(results.webhooks.throughput.spread.deliveries);
      // The dead-neighbour stage, both kinds: every change of org B delivered, alone and beside
      // org A's backlog; the TCP black hole never held more than the per-endpoint cap.
      for (const kind of ['tcp', 'dns']) {
        const variant = results.webhookIsolation[kind];
        expect(variant.withoutMs.samples, kind).to.equal(variant.changes);
        expect(variant.withMs.samples, kind).to.equal(variant.changes);
      }
      expect(results.webhookIsolation.tcp.blackHole.mostConnections).to.be.within(1, 4);
      expect(results.webhookIsolation.dns.registrations.sent).to.be.greaterThan(0);
      // The claim's cost at two tiny backlogs, with its plans.
      expect(results.claimCost.rows).to.have.length(2);
      expect(results.claimCost.explain.length).to.be.greaterThan(0);
      const markdown = readFileSync(join(out, 'RESULTS.md'), 'utf8');
      for (const section of [
        '## Against the plain floor (issue 31)',
        '## Webhooks',
        '## Webhooks: a dead neighbour',
        '## Webhooks: a claim against the backlog',
      ])
        expect(markdown).to.contain(section);
    } finally {
      rmSync(out, { recursive: true, force: true });
      const admin = createDatabase({ url: server.toString().replace(`/${database}`, '/'), sqliteFile: '', poolMax: 1 });
      await admin.raw(`drop database if exists \`${database}\``);
      await admin.destroy();
    }
  });

  it('measures every bound of bench/bounds.ts and writes bounds.json (the budgets are its own to judge)', function () {
    this.timeout(120_000);
    const out = mkdtempSync(join(tmpdir(), 'bench-bounds-'));
    try {
      const run = spawnSync('node', ['--import', 'tsx', 'bench/bounds.ts', '--quick', '--out', out], {
        encoding: 'utf8',
        timeout: 110_000,
      });
      // Exit 1 is a missed budget on this (possibly loaded) machine: not this test's to judge.
      expect(run.status, `${run.stdout}\n${run.stderr}`).to.be.oneOf([0, 1]);
      const bounds = JSON.parse(readFileSync(join(out, 'bounds.json'), 'utf8'));
      expect(bounds.rows.map((row: { id: string }) => row.id)).to.deep.equal([
        'huge-list',
        'huge-list-health',
        'huge-list-stall',
        'duplicate-key-scan',
        'zone-spellings-rss',
        'zone-spellings-stall',
      ]);
      for (const row of bounds.rows) expect(row.measured, row.id).to.be.a('number').and.at.least(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
