// The API's latency alone and beside a flood of /readyz probes on the same process: 64
// connections at 40 probes/s each, the ~2,600 probes/s that took the old /readyz (a `select 1`
// per probe) from 12 to 235 ms of API latency. Probes now answer from a health result at most a
// second old, so the flood must not slow the API (target: p50 within 20%). The generous limit
// for probes is off here, as the API's limits are, so that every probe reaches /readyz.
import type { RunContext } from '../lib/context.js';
import { startService } from '../lib/context.js';
import { skips } from '../lib/options.js';
import type { ScenarioResult } from '../lib/results.js';
import { featureScenarios } from '../lib/service-pair.js';
import { driveOnce, runDriver, throughputRatio } from '../lib/slices.js';

const num = (value: number) => Math.round(value).toLocaleString('en-US');

export async function probeFlood(context: RunContext): Promise<ScenarioResult[]> {
  const scenario = featureScenarios(context)[0];
  if (!scenario || skips(context.options, 'probe-flood')) return [];
  const { settings } = context.options;
  const service = await startService(context, context.mainUrl, 'probe-flood.log', {
    env: { RATE_LIMIT_PUBLIC_PER_IP: '0' },
  });
  try {
    const alone = await driveOnce(context, service, scenario, settings.durationSeconds, settings.warmupSeconds);
    const flood = runDriver({
      url: service.url,
      connections: 64,
      warmupSeconds: 0,
      durationSeconds: settings.warmupSeconds + settings.durationSeconds + 2,
      token: '',
      kind: 'read',
      path: '/readyz',
      connectionRate: 40,
    });
    const beside = await driveOnce(context, service, scenario, settings.durationSeconds, settings.warmupSeconds);
    const probes = await flood;
    context.log(
      `${scenario.id} beside ${num(probes.requestsPerSecond)} /readyz req/s: p50 ${beside.latencyP50} ms against ${alone.latencyP50} ms alone`,
    );
    return [
      {
        id: `${scenario.id} beside a /readyz flood`,
        title: `${scenario.title}, with 64 connections probing /readyz (${num(probes.requestsPerSecond)} probes/s)`,
        service: beside,
        floor: alone,
        ratio: throughputRatio(alone, beside),
      },
    ];
  } finally {
    await service.process.stop();
  }
}
