// Webhooks (bench/webhooks.ts): change → receipt latency, with the dispatcher inside the API
// and on its own, and a dispatcher's deliveries a second.
import { benchIds } from '../lib/dataset.js';
import { resetWrites } from '../lib/bench-database.js';
import type { RunContext } from '../lib/context.js';
import { serviceEnv } from '../lib/context.js';
import { skips } from '../lib/options.js';
import type { WebhookResults } from '../lib/results.js';
import { measureWebhooks } from '../webhooks.js';

export async function webhooks(context: RunContext): Promise<WebhookResults | undefined> {
  const { options, mainUrl } = context;
  const results = skips(options, 'webhooks')
    ? undefined
    : await measureWebhooks({
        url: mainUrl,
        startCommand: context.startCommand,
        serviceEnv: serviceEnv(context, mainUrl),
        token: await context.tokenFor(benchIds.coach(0)),
        logDir: context.logDir,
        changes: options.quick ? 10 : 200,
        deliveries: options.quick ? 200 : 6000,
        oneEndpointDeliveries: options.quick ? 20 : 1000,
        profileDispatcher: options.profileDispatcher,
        log: context.log,
      });
  // Its changes go through the API to the write scenarios' groups: the stages after start from
  // the data as the scenarios expect it.
  await resetWrites(mainUrl);
  return results;
}
