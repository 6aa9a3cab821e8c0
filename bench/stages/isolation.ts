// A dead neighbour (bench/webhook-isolation.ts): one organization's healthy endpoint beside
// another's backlog at a TCP and at a DNS black hole.
import type { RunContext } from '../lib/context.js';
import { serviceEnv } from '../lib/context.js';
import { skips } from '../lib/options.js';
import type { WebhookIsolationResults } from '../lib/results.js';
import { measureIsolation } from '../webhook-isolation.js';

export async function isolation(context: RunContext): Promise<WebhookIsolationResults | undefined> {
  const { options, mainUrl } = context;
  if (skips(options, 'isolation')) return undefined;
  return measureIsolation({
    url: mainUrl,
    startCommand: context.startCommand,
    serviceEnv: serviceEnv(context, mainUrl),
    tokenFor: context.tokenFor,
    logDir: context.logDir,
    log: context.log,
    variants: ['tcp', 'dns'],
    changes: options.quick ? 5 : 60,
    intervalMs: options.quick ? 100 : 400,
    backlog: 1000,
    dnsEndpoints: 8,
    registerPerSecond: 2,
    pauseWaitMs: options.quick ? 0 : 30_000,
  });
}
