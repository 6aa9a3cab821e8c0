// RESULTS.md from results.json: the table, the growth and validation checks against the
// targets (docs/scaling.md and bench/README.md), cold start, memory and the profile of the slowest scenario.
import { existsSync, readFileSync } from 'node:fs';
import type {
  BenchResults,
  ClaimCostResults,
  LatencySummary,
  NeighbourVariant,
  PlanRow,
  ScenarioResult,
  WebhookIsolationResults,
  WebhookThroughput,
} from './results.js';
import { met, num, plainFloorSection, replayedFloorTable, startAndMemoryLines } from './report-floors.js';

/** Hand-written findings about the committed run, appended to RESULTS.md when present. */
const notesFile = new URL('../notes.md', import.meta.url);

/**
 * Issue 23's table: each heavy read on the 2,000,000-activity data at one connection, its
 * floor, and its anchor (bench/anchors.ts) beside it, then the targets.
 */
function readsAtScale(results: BenchResults): string[] {
  const scale = results.scenarios.filter((result) => result.id.startsWith('R-'));
  if (scale.length === 0) return ['## Reads at scale', '', '- not measured in this run.'];
  const anchors = results.anchors ?? [];
  const lines = [
    '## Reads at scale (2,000,000 activities, one connection)',
    '',
    "Service and floor alternate in slices as above, at one connection; the anchor is one hand-written statement per answer (bench/anchors.ts), sent back to back on one mysql2 connection with no HTTP and no JSON, measured after them in the same run. DB CPU: the database server's CPU per request over the service's slices (for the anchor, over its own run).",
    '',
    '| operation | service p50 / p95 ms | service DB CPU ms/req | floor p50 ms | service ÷ floor | target ≥ 67% | anchor | anchor p50 / p95 ms | anchor DB CPU ms/req | rows |',
    '|---|---:|---:|---:|---:|---|---|---:|---:|---:|',
  ];
  for (const result of scale) {
    const mine = anchors.filter((anchor) => anchor.id === result.id);
    const [first, ...others] = mine;
    const anchorCells = (anchor: (typeof anchors)[number] | undefined) =>
      anchor
        ? `${anchor.label} | ${num(anchor.latencyP50, 2)} / ${num(anchor.latencyP95, 2)} | ${num(anchor.dbCpuMsPerRequest, 2)} | ${anchor.rows.toLocaleString('en-US')}`
        : '— | — | — | —';
    const { service, floor } = result;
    lines.push(
      `| ${result.id}: ${result.title} | ${service.latencyP50} / ${service.latencyP95 ?? '—'} | ${num(service.dbCpuMsPerRequest, 2)} | ${floor?.latencyP50 ?? '—'} | ${num(result.ratio !== undefined ? result.ratio * 100 : undefined)}% | ${met(result.target ? result.ratio! >= result.target : undefined)} | ${anchorCells(first)} |`,
    );
    for (const other of others) lines.push(`| ${result.id} (alternative) | | | | | | ${anchorCells(other)} |`);
  }
  const byId = new Map(scale.map((result) => [result.id, result]));
  const check = (id: string, label: string, value: number | undefined, limit: number, unit: string) =>
    value === undefined
      ? `- ${label}: not measured in this run.`
      : `- ${label}: ${value} ${unit} (target ≤ ${limit} ${unit}): ${met(value <= limit)}.`;
  const belowTarget = scale.filter((result) => result.target !== undefined && result.ratio! < result.target);
  lines.push(
    '',
    check(
      'R-stats-90d-m1000',
      '90-day stats of the 1,000-member group, p50 at one connection',
      byId.get('R-stats-90d-m1000')?.service.latencyP50,
      150,
      'ms',
    ),
    check(
      'R-stats-90d-m30',
      'database CPU per request, 90-day stats of the 30-member group',
      byId.get('R-stats-90d-m30')?.service.dbCpuMsPerRequest,
      5,
      'ms',
    ),
    check('R-feed', 'database CPU per request, a feed page', byId.get('R-feed')?.service.dbCpuMsPerRequest, 3, 'ms'),
    `- Every operation at least 67% of its floor: ${belowTarget.length === 0 ? 'met' : `**missed** by ${belowTarget.map((result) => `${result.id} (${Math.round(result.ratio! * 100)}%)`).join(', ')}`}.`,
  );
  return lines;
}

const latency = (summary: LatencySummary) =>
  `p50 ${summary.p50} ms, p95 ${summary.p95} ms, max ${summary.max} ms (${summary.samples} changes)`;

/** When a stage ran apart from the rest (merged into an older run's results), and how busy the machine was. */
const conditions = (stage: { measuredAt?: string; loadAverageBefore?: number[]; loadAverageAfter?: number[] }) =>
  stage.measuredAt
    ? `Measured ${stage.measuredAt}, load average (1, 5, 15 min) ${stage.loadAverageBefore?.join(', ') ?? '—'} before, ${stage.loadAverageAfter?.join(', ') ?? '—'} after.`
    : undefined;

function throughputLine(label: string, run: WebhookThroughput): string {
  const cpu = run.cpuMsPerDelivery;
  const once =
    run.attempts === undefined
      ? ''
      : run.attempts === run.deliveries && run.succeeded === run.deliveries
        ? ', each sent once'
        : `, **${run.attempts} attempts, ${run.succeeded ?? '—'} succeeded**`;
  return `${label}: **${run.perSecond.toLocaleString('en-US')} deliveries/s** (${run.deliveries.toLocaleString('en-US')} over ${run.endpoints} endpoint${run.endpoints === 1 ? '' : 's'} of ${run.organizations} organization${run.organizations === 1 ? '' : 's'} in ${run.seconds} s${once})${
    cpu
      ? `; CPU per delivery: dispatcher ${cpu.dispatcher} ms, database server ${cpu.database ?? '—'} ms, receiver ${cpu.receiver} ms`
      : ''
  }${
    run.databasePerDelivery
      ? `; per delivery at the database server: ${Object.entries(run.databasePerDelivery)
          .map(([name, value]) => `${name} ${value}`)
          .join(', ')}`
      : ''
  }`;
}

function webhookLines(results: BenchResults): string[] {
  const lines = ['## Webhooks', ''];
  const { webhooks } = results;
  if (!webhooks) return [...lines, '- not measured in this run.'];
  const when = conditions(webhooks);
  if (when) lines.push(when, '');
  lines.push(
    `- Change → receipt (from the change's timestamp to the receiver's 204), changes one after another through the API:`,
    `  - dispatcher inside the API process (woken by the commit): ${latency(webhooks.latencyInsideApiMs)};`,
    `  - standalone dispatcher (\`dispatch.js\`, 1 s poll): ${latency(webhooks.latencyStandaloneMs)}.`,
  );
  if (webhooks.throughput) {
    const { spread, oneEndpoint, profiled } = webhooks.throughput;
    const caps = webhooks.dispatcher;
    lines.push(
      `- Deliveries a second, one standalone dispatcher at its defaults${caps ? ` (WEBHOOK_CONCURRENCY ${caps.concurrency}, ${caps.endpointConcurrency} in flight per endpoint, ${caps.organizationConcurrency} per organization)` : ''}, kept-alive connections, each endpoint its own origin, receiver answering at once, from the first receipt to the last (target ≥ 2,000/s: ${met(spread.perSecond >= 2000)}):`,
      `  - ${throughputLine('spread over the endpoints', spread)};`,
    );
    if (oneEndpoint)
      lines.push(
        `  - ${throughputLine('one endpoint alone', oneEndpoint)}: its cap of attempts in flight, not the pipeline, sets this rate.`,
      );
    if (profiled?.profile) {
      const { profile } = profiled;
      lines.push(
        '',
        `CPU profile of the dispatcher over a run of its own (\`--cpu-prof\`, ${profiled.perSecond}/s under the profiler): ${profile.busyMs} ms busy, ${profile.idleMs} ms idle.`,
        '',
        '| top functions (self time) | ms | % of busy |',
        '|---|---:|---:|',
        ...profile.topSelf.map((row) => `| \`${row.name}\` | ${row.ms} | ${row.percent} |`),
        '',
        '| top modules (self time) | ms | % of busy |',
        '|---|---:|---:|',
        ...profile.topModules.map((row) => `| \`${row.name}\` | ${row.ms} | ${row.percent} |`),
        '',
        "| the service's own functions (inclusive) | ms | % of busy |",
        '|---|---:|---:|',
        ...profile.topServiceInclusive.map((row) => `| \`${row.name}\` | ${row.ms} | ${row.percent} |`),
      );
    }
  } else if (webhooks.deliveriesPerSecond)
    lines.push(
      `- Deliveries a second, one standalone dispatcher, ${webhooks.deliveries} queued deliveries to one endpoint, receiver answering at once: ${webhooks.deliveriesPerSecond.concurrency8} at concurrency 8, ${webhooks.deliveriesPerSecond.concurrency32} at 32.`,
    );
  return lines;
}

function variantLines(title: string, variant: NeighbourVariant): string[] {
  const state = variant.neighbourState;
  const p95Met = variant.withMs.p95 <= 1000 && variant.ratioP95 <= 1.5 && variant.missing.with === 0;
  const lines = [
    `- **${title}**: org A has ${variant.backlog.toLocaleString('en-US')} deliveries due over ${variant.neighbourEndpoints} endpoint${variant.neighbourEndpoints === 1 ? '' : 's'}; org B makes ${variant.changes} changes, one every ${variant.intervalMs} ms.`,
    `  - org B alone: ${latency(variant.withoutMs)}${variant.missing.without ? `, **${variant.missing.without} not delivered**` : ''};`,
    `  - org B beside org A: ${latency(variant.withMs)}${variant.missing.with ? `, **${variant.missing.with} not delivered**` : ''};`,
    `  - ratio beside ÷ alone: p50 ×${variant.ratioP50}, p95 ×${variant.ratioP95} (target p95 ≤ 1 s and ≤ ×1.5: ${met(p95Met)});`,
  ];
  if (variant.blackHole)
    lines.push(
      `  - the black hole held at most ${variant.blackHole.mostConnections} connections at once (${variant.blackHole.accepted} accepted in all);`,
    );
  if (variant.dnsBlackHoleQuestions !== undefined)
    lines.push(
      `  - the name server got ${variant.dnsBlackHoleQuestions} questions for names under the black-hole zone;`,
    );
  if (variant.registrations) {
    const r = variant.registrations;
    const other = Object.entries(r.other)
      .map(([status, count]) => `${count} × ${status}`)
      .join(', ');
    lines.push(
      `  - org A's admin registered endpoints under the zone at ${r.perSecond}/s meanwhile: ${r.sent} sent, ${r.created} created (p50 ${r.createdMs.p50} ms, max ${r.createdMs.max} ms: each waited for the lookup), ${r.limitReached} refused \`409 webhook_endpoint_limit_reached\` (p50 ${r.limitReachedMs.p50} ms, max ${r.limitReachedMs.max} ms${r.limitReachedAfterLookup ? `; ${r.limitReachedAfterLookup} of them after a lookup: they passed the count before it while the organization's last free places were still being registered, and the count under the lock refused them` : ''})${other ? `, other: ${other}` : ''};`,
    );
  }
  lines.push(
    `  - org A at the end: ${state.paused} of ${state.endpoints} endpoints paused, at most ${state.mostConsecutiveFailures} failures in a row, ${state.attempts} attempts recorded${state.firstPausedAfterMs !== undefined ? `; first pause ${(state.firstPausedAfterMs / 1000).toFixed(1)} s after the backlog was queued` : ''}.`,
  );
  return lines;
}

function isolationLines(isolation: WebhookIsolationResults | undefined): string[] {
  const lines = ['## Webhooks: a dead neighbour', ''];
  if (!isolation) return [...lines, '- not measured in this run.'];
  const d = isolation.dispatcher;
  lines.push(
    `\`${isolation.startCommand}\`, the dispatcher inside the API process at its defaults (WEBHOOK_CONCURRENCY ${d.concurrency}, ${d.endpointConcurrency} in flight per endpoint, ${d.organizationConcurrency} per organization, ${d.timeoutMs} ms timeout, ${d.dnsTimeoutMs} ms per DNS try). Org B's change → receipt, alone and then beside org A's dead endpoint, in the same process. ${conditions(isolation) ?? ''}`,
    '',
  );
  if (isolation.tcp) lines.push(...variantLines('TCP black hole (accepts, never answers)', isolation.tcp));
  if (isolation.dns) lines.push(...variantLines('DNS black hole (names that never resolve)', isolation.dns));
  return lines;
}

function claimCostLines(claims: ClaimCostResults | undefined): string[] {
  const lines = ['## Webhooks: a claim against the backlog', ''];
  if (!claims) return [...lines, '- not measured in this run.'];
  lines.push(
    `One claim round (\`dueEndpoints\`, \`liveClaims\`, \`claimDeliveries\` of src/webhooks/claim.ts, claims released after each) with N pending deliveries due at one dead endpoint (enabled, not paused) and ${claims.healthyEndpoints} healthy endpoints with 3 due each, ${claims.rounds} rounds per size after one warm-up, in a scratch database (${claims.database}). ${conditions(claims) ?? ''}`,
    '',
    '| pending at the dead endpoint | rows added in s | claim round p50 / max ms | dueEndpoints p50 ms | liveClaims p50 ms | claimDeliveries p50 ms | claimed a round |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...claims.rows.map(
      (row) =>
        `| ${row.pending.toLocaleString('en-US')} | ${row.fillSeconds} | ${row.totalMs.p50} / ${row.totalMs.max} | ${row.dueEndpointsMs.p50} | ${row.liveClaimsMs.p50} | ${row.claimDeliveriesMs.p50} | ${row.claimed} |`,
    ),
    '',
    `- Growth from the smallest to the largest backlog, p50: ×${claims.growth} (target flat within ×2: ${met(claims.growth <= 2)}).`,
  );
  const largest = claims.rows.at(-1)?.pending.toLocaleString('en-US');
  const due = claims.explain.find((entry) => entry.statement.startsWith('dueEndpoints'));
  const dueRead = due?.plan.find((plan) => plan.key?.startsWith('webhook_deliveries'));
  if (dueRead)
    lines.push(
      `- dueEndpoints at ${largest} pending: ${
        dueRead.Extra?.includes('Using index for group-by')
          ? 'a loose index scan (Using index for group-by)'
          : `${dueRead.select_type === 'DEPENDENT SUBQUERY' ? 'one index dive per enabled endpoint' : `a ${dueRead.type ?? ''} read`}`
      } on \`${dueRead.key}\`, ${dueRead.r_rows ?? '—'} rows read per endpoint.`,
    );
  lines.push(
    `- Plans at ${largest} pending: the statements of one round, run again under MariaDB's ANALYZE while that round's claims are held (EXPLAIN's columns, and r_rows, the rows really read; the dead endpoint's read steps over its own claimed rows):`,
    '',
  );
  for (const entry of claims.explain) {
    lines.push(`  - ${entry.statement}:`);
    const row = (plan: PlanRow, prefix = '') =>
      `    - ${prefix}${plan.select_type} \`${plan.table ?? ''}\` ${plan.type ?? ''}${plan.key ? ` on \`${plan.key}\`` : ''}, rows ${plan.rows ?? '—'}, r_rows ${plan.r_rows ?? '—'}${plan.Extra ? ` (${plan.Extra})` : ''}`;
    const derived = entry.plan.filter((plan) => plan.select_type === 'DERIVED');
    if (derived.length < 2) {
      for (const plan of entry.plan) lines.push(row(plan));
      continue;
    }
    // A union of one read per endpoint: each distinct plan once, with how many reads took it
    // (the dead endpoint's is the first).
    const byPlan = new Map<string, PlanRow[]>();
    for (const plan of derived) {
      const key = `${plan.key ?? ''}|${plan.Extra ?? ''}`;
      byPlan.set(key, [...(byPlan.get(key) ?? []), plan]);
    }
    for (const plans of byPlan.values())
      lines.push(row(plans[0]!, `${plans.length} of ${derived.length} endpoint reads: `));
  }
  return lines;
}

function perRequestMs(result: ScenarioResult | undefined): number | undefined {
  return result ? result.service.latencyMean : undefined;
}

export function renderMarkdown(results: BenchResults): string {
  const lines: string[] = [];
  const { machine, settings } = results;
  const byId = new Map(results.scenarios.map((result) => [result.id, result]));
  lines.push('# Benchmark results', '');
  lines.push(
    `Run ${results.startedAt} → ${results.finishedAt}${settings.quick ? ' (**quick mode**: tiny data, not a measurement)' : ''}.`,
    `Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, MariaDB ${machine.mariadb}.`,
    `Load average (1, 5, 15 min) before ${machine.loadAverageBefore.join(', ')}, after ${machine.loadAverageAfter.join(', ')}: the machine is shared, so absolute numbers move between runs; the service ÷ floor ratios are measured back to back in the same run.`,
    `autocannon -c ${settings.connections}, per scenario and target ${settings.warmupSeconds} s warm-up, then ${settings.durationSeconds} s measured in ${settings.rounds} rounds, each a slice of the service, the replayed floor and the plain floor in turn (req/s over all slices, p50 the median slice's, p99 the worst slice's); service started with \`${settings.startCommand}\` (NODE_ENV=production, LOG_LEVEL=warn, request validation on, response validation off, rate limits off), pool of ${settings.poolMax} connections for service and floor.`,
    `Data: ${results.data.main.database} with ${results.data.main.activities.toLocaleString('en-US')} activities${
      'large' in results.data && results.data.large
        ? `; ${results.data.large.database} with ${results.data.large.activities.toLocaleString('en-US')}`
        : ''
    }.`,
    '',
  );
  lines.push(...replayedFloorTable(results));
  lines.push(
    '',
    "service ÷ floor: the median of the rounds' ratios, with the lowest and highest round. CPU ms/req: CPU time of the service process, of the floor process and of the database server (during the service's slices; the server is shared with other work on the machine) over the measured slices, divided by the requests answered. Unlike req/s it hardly depends on how busy the machine is.",
    '',
  );
  lines.push(...plainFloorSection(results), '');

  lines.push(...readsAtScale(results), '');

  lines.push('## Growth', '');
  const growth = (label: string, base: string, grown: string, limit: number) => {
    const a = perRequestMs(byId.get(base));
    const b = perRequestMs(byId.get(grown));
    if (a === undefined || b === undefined) return `- ${label}: not measured in this run.`;
    const factor = Math.round((b / a) * 100) / 100;
    return `- ${label}: mean ${a} ms → ${b} ms per request, ×${factor} (target ≤ ×${limit}): ${met(factor <= limit)}.`;
  };
  lines.push(growth('S4 90d, 200,000 → 2,000,000 activities in the table', 'S4-90d', 'S4-90d-2M', 1.2));
  const dbCpu = (id: string) => byId.get(id)?.service.dbCpuMsPerRequest;
  const [smallDb, largeDb] = [dbCpu('S4-90d'), dbCpu('S4-90d-2M')];
  if (smallDb !== undefined && largeDb !== undefined && smallDb > 0)
    lines.push(
      `- S4 90d, database CPU per request: ${smallDb} ms at 200,000 activities, ${largeDb} ms at 2,000,000 (×${Math.round((largeDb / smallDb) * 100) / 100}; flat means within ×1.2: ${met(largeDb / smallDb <= 1.2)}).`,
    );
  lines.push(growth('S2, 20 → 2,000 groups in the organization', 'S2-g20', 'S2-g2000', 1.5));
  const members = ['S4-90d-m10', 'S4-90d', 'S4-90d-m1000']
    .map((id) => byId.get(id))
    .filter((result) => result !== undefined)
    .map(
      (result) => `${result.id}: ${num(result.service.requestsPerSecond)} req/s, p50 ${result.service.latencyP50} ms`,
    );
  if (members.length > 0) lines.push(`- S4 90d by group size (10, 100, 1,000 members): ${members.join('; ')}.`);
  lines.push('');

  lines.push('## Response validation cost', '');
  for (const result of results.validation) {
    const cost = Math.round((1 - result.ratio!) * 100);
    lines.push(
      `- ${result.id}: ${num(result.service.requestsPerSecond)} req/s with, ${num(result.floor!.requestsPerSecond)} req/s without: costs ${cost}% of throughput${
        result.id.startsWith('S1') ? ` (target ≤ 20%: ${met(cost <= 20)})` : ''
      }.`,
    );
  }
  if (results.validation.length === 0) lines.push('- not measured in this run.');
  lines.push('');

  lines.push('## Probes beside the API', '');
  for (const result of results.probeFlood ?? []) {
    const slower = Math.round((result.service.latencyP50 / Math.max(result.floor!.latencyP50, 0.001) - 1) * 100);
    lines.push(
      `- ${result.title}: API p50 ${result.service.latencyP50} ms beside the flood, ${result.floor!.latencyP50} ms alone (${slower >= 0 ? '+' : ''}${slower}%; target within 20%: ${met(slower <= 20)}); ${num(result.service.requestsPerSecond)} req/s against ${num(result.floor!.requestsPerSecond)}.`,
    );
  }
  if (!results.probeFlood?.length) lines.push('- not measured in this run.');
  lines.push('');

  lines.push('## Tracing cost (OTLP/HTTP export on, against off)', '');
  for (const result of results.tracing ?? []) {
    const cost = Math.round((1 - result.ratio!) * 100);
    lines.push(
      `- ${result.id}: ${num(result.service.requestsPerSecond)} req/s traced, ${num(result.floor!.requestsPerSecond)} req/s untraced (${cost}% of throughput); p50 ${result.service.latencyP50} ms against ${result.floor!.latencyP50} ms.`,
    );
  }
  if (!results.tracing?.length) lines.push('- not measured in this run.');
  lines.push('');

  if (results.poolComparison && results.poolComparison.length > 0) {
    lines.push('## Pool size (same run, service against service)', '');
    for (const result of results.poolComparison)
      lines.push(
        `- ${result.id}: ${num(result.service.requestsPerSecond)} req/s against ${num(result.floor!.requestsPerSecond)} req/s (×${result.ratio}), CPU ms/req ${num(result.service.cpuMsPerRequest, 2)} against ${num(result.floor!.cpuMsPerRequest, 2)}.`,
      );
    lines.push('');
  }

  lines.push(...webhookLines(results), '');
  lines.push(...isolationLines(results.webhookIsolation), '');
  lines.push(...claimCostLines(results.claimCost), '');

  lines.push(...startAndMemoryLines(results), '');

  if (results.profile) {
    const { profile } = results;
    lines.push(
      `## CPU profile: ${profile.scenario} (lowest service ÷ floor ratio, the plain floor's where measured)`,
      '',
    );
    lines.push(`\`node --cpu-prof\` over one measured run: ${profile.busyMs} ms busy, ${profile.idleMs} ms idle.`, '');
    const table = (title: string, rows: { name: string; ms: number; percent: number }[]) => {
      lines.push(`| ${title} | ms | % of busy |`, '|---|---:|---:|');
      for (const row of rows) lines.push(`| \`${row.name}\` | ${row.ms} | ${row.percent} |`);
      lines.push('');
    };
    table('top 5 functions (self time)', profile.topSelf);
    table('top 5 modules (self time)', profile.topModules);
    table("the service's own functions (inclusive time)", profile.topServiceInclusive);
  }
  if (!settings.quick && existsSync(notesFile)) lines.push(readFileSync(notesFile, 'utf8').trim(), '');
  return `${lines.join('\n')}\n`;
}
