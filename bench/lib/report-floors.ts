// RESULTS.md's scenario tables, against the replayed floor and against the plain floor, and its
// start and memory lines: the parts that judge the service against what its work allows.
import type { BenchResults, ScenarioResult } from './results.js';

export const met = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'met' : '**missed**');
export const num = (value: number | undefined, digits = 0) => (value === undefined ? '—' : value.toFixed(digits));

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** A ratio as the median of its rounds, with their spread when there were several. */
function ratioCell(ratio: number | undefined, rounds: number[] | undefined): string {
  if (ratio === undefined) return '—';
  if (!rounds || rounds.length < 2) return percent(ratio);
  return `${percent(ratio)} (${percent(Math.min(...rounds))}–${percent(Math.max(...rounds))})`;
}

const targetCells = (ratio: number | undefined, target: number | undefined) =>
  `${target ? `≥ ${percent(target)}` : '—'} | ${met(target && ratio !== undefined ? ratio >= target : undefined)}`;

export function replayedFloorTable(results: BenchResults): string[] {
  const lines = [
    '| scenario | what | service req/s | p50 ms | p99 ms | errors / non-2xx | floor req/s | floor p50 ms | service ÷ floor | target | | CPU ms/req service / floor / DB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const result of results.scenarios) {
    const { service, floor } = result;
    lines.push(
      `| ${result.id} | ${result.title} | ${num(service.requestsPerSecond)} | ${service.latencyP50} | ${service.latencyP99} | ${service.errors + service.timeouts} / ${service.non2xx} | ${num(floor?.requestsPerSecond)} | ${floor?.latencyP50 ?? '—'} | ${ratioCell(result.ratio, result.ratioRounds)} | ${targetCells(result.ratio, result.target)} | ${num(service.cpuMsPerRequest, 2)} / ${num(floor?.cpuMsPerRequest, 2)} / ${service.dbCpuMsPerRequest !== undefined && service.dbCpuMsPerRequest >= 0 ? num(service.dbCpuMsPerRequest, 2) : '—'} |`,
    );
  }
  return lines;
}

export function plainFloorSection(results: BenchResults): string[] {
  const judged = results.scenarios.filter((result) => result.plain);
  const lines = ['## Against the plain floor (issue 31)', ''];
  if (judged.length === 0) return [...lines, '- not measured in this run.'];
  lines.push(
    "The plain floor (bench/plain-floor.ts) answers each read with the simplest statement over the project's indexes behind bare `node:http`, with the service's token check and its read of the caller's row; it copies nothing of the service's design. Its answer to each request was checked against the service's just before the measurement (same: the digests of both answers, status and JSON with sorted keys, are equal). Service, replayed floor and plain floor ran interleaved in the rounds of the table above; a ratio is the median of the rounds' ratios, the spread the lowest and highest round.",
    '',
    '| scenario | service req/s | plain floor req/s | plain floor p50 ms | service ÷ plain floor | target | | same answer | CPU ms/req plain floor / DB |',
    '|---|---:|---:|---:|---:|---:|---|---|---:|',
  );
  for (const result of judged) {
    const plain = result.plain!;
    const same = plain.answers.service === plain.answers.plainFloor ? 'same' : '**differs**';
    lines.push(
      `| ${result.id} | ${num(result.service.requestsPerSecond)} | ${num(plain.floor.requestsPerSecond)} | ${plain.floor.latencyP50} | ${ratioCell(plain.ratio, plain.ratioRounds)} | ${targetCells(plain.ratio, plain.target)} | ${same} | ${num(plain.floor.cpuMsPerRequest, 2)} / ${num(plain.floor.dbCpuMsPerRequest, 2)} |`,
    );
  }
  const missed = judged.filter(
    (result) => result.plain!.target !== undefined && result.plain!.ratio < result.plain!.target,
  );
  const differing = judged.filter((result) => result.plain!.answers.service !== result.plain!.answers.plainFloor);
  lines.push(
    '',
    `- Every judged read at least its target share of the plain floor: ${missed.length === 0 ? 'met' : `**missed** by ${missed.map((result) => `${result.id} (${percent(result.plain!.ratio)})`).join(', ')}`}.`,
  );
  if (differing.length > 0)
    lines.push(
      `- **The plain floor answered otherwise than the service** for ${differing.map((result) => result.id).join(', ')}: those ratios compare different work.`,
    );
  return lines;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function startAndMemoryLines(results: BenchResults): string[] {
  const lines = ['## Start and memory', ''];
  const service = median(results.coldStartMs);
  const floor = results.coldStartFloorMs && median(results.coldStartFloorMs);
  if (service === undefined) lines.push('- Cold start: not measured in this run.');
  else if (floor === undefined)
    lines.push(
      `- Cold start (process start → first /readyz 200): ${results.coldStartMs.join(', ')} ms, median ${service} ms (target < 1000 ms: ${met(service < 1000)}).`,
    );
  else {
    const ratio = Math.round((service / floor) * 100) / 100;
    lines.push(
      `- Cold start, exec → first /readyz 200, the two starts interleaved run by run: the service (\`${results.settings.startCommand}\`) ${results.coldStartMs.join(', ')} ms, median ${service} ms; express + a mysql2 pool + \`select 1\` (bench/start-floor.mjs) ${results.coldStartFloorMs!.join(', ')} ms, median ${floor} ms; ×${ratio} (target ≤ ×2.5: ${met(ratio <= 2.5)}).`,
    );
  }
  if (results.rssAfterRun)
    lines.push(
      `- The service's RSS after the run: ${results.rssAfterRun.mb} MB (the ${results.rssAfterRun.set} set's service after its last scenario, the larger of the sets'; target ≤ 250 MB: ${met(results.rssAfterRun.mb <= 250)}).`,
    );
  lines.push(
    `- Peak RSS of the service over the run: ${results.peakRssMb} MB (target < 200 MB: ${met(results.peakRssMb < 200)}).`,
  );
  for (const [label, memory] of Object.entries(results.memory ?? {})) {
    if (!memory) continue;
    lines.push(
      `- The ${label} set's service: peak RSS ${memory.peakRssMb ?? '—'} MB, ${memory.endRssMb ?? '—'} MB after its last scenario.`,
    );
    if (memory.heap)
      lines.push(
        `  - Heap snapshot at that point: ${memory.heap.totalMb} MB in ${memory.heap.objects.toLocaleString('en-US')} objects; the largest holders by own size: ${memory.heap.top.map((holder) => `${holder.holder} ${holder.mb} MB (${holder.count.toLocaleString('en-US')})`).join(', ')}.`,
      );
  }
  const errors = results.scenarios.reduce(
    (sum, r: ScenarioResult) =>
      sum +
      r.service.errors +
      r.service.timeouts +
      r.service.non2xx +
      (r.floor ? r.floor.errors + r.floor.non2xx : 0) +
      (r.plain ? r.plain.floor.errors + r.plain.floor.non2xx : 0),
    0,
  );
  lines.push(`- Errors, timeouts and non-2xx answers over all scenarios (service and floors): ${errors}.`);
  return lines;
}
