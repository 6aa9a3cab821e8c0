// The webhook dispatcher: claims due deliveries, a fair share per endpoint and organization
// (src/webhooks/claim.ts), sends each signed over kept-alive connections (signing.ts, send.ts),
// and records the attempt with the next one's time on the retry schedule
// (src/domain/webhook-schedule.ts) and its endpoint's health (record-attempt.ts). Any number
// of dispatchers, in API processes or on their own (src/cli/dispatch.ts), share the work: a
// claim is one conditional update, and it outlives the longest attempt, so no delivery is
// sent by two of them at once; a dispatcher that dies mid-attempt leaves claims that lapse,
// and the delivery goes out again with the same `webhook-id`.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Config } from '../config.js';
import type { Database } from '../data/database.js';
import { releaseClaims, type AttemptRecord, type ClaimedDelivery } from '../data/webhook-deliveries-repository.js';
import { countPausedEndpoints } from '../data/webhook-endpoints-repository.js';
import { BoundedCache } from '../lib/bounded-cache.js';
import { onDeliveriesQueued } from '../domain/delivery-signal.js';
import { createSecretBox, type SecretBox } from '../lib/secret-box.js';
import { signingSecrets } from '../domain/signing-secrets.js';
import { nextAttemptAt, retryAfterSeconds } from '../domain/webhook-schedule.js';
import type { TargetPolicy } from '../domain/webhook-targets.js';
import type { Metrics } from '../observability/metrics.js';
import type { Logger } from '../logger.js';
import { eventResource } from '../wire/events.js';
import { claimFairShare } from './claim.js';
import { createHostResolver, type HostResolver } from './host-resolver.js';
import { recordAttemptWithHealth } from './record-attempt.js';
import { createSuccessBatch } from './success-batch.js';
import { createWebhookTransport, type SendResult } from './send.js';
import { signedHeaders } from './signing.js';

export interface DispatcherOptions {
  db: Database;
  logger: Logger;
  timeoutMs: number;
  pollIntervalMs: number;
  /** Attempts this dispatcher has in flight at most. */
  concurrency: number;
  /** Attempts in flight at one endpoint, and at one organization's endpoints, across dispatchers. */
  endpointConcurrency: number;
  organizationConcurrency: number;
  targets: TargetPolicy;
  /** Resolves webhook hosts (its own sockets and timeout); tests point names at addresses. */
  resolve: HostResolver;
  /** Opens the endpoints' signing secrets, which are stored sealed (WEBHOOK_SECRETS_KEY). */
  secrets: SecretBox;
  /** Now, for schedules and claims; tests move it days ahead. */
  clock?: () => Date;
  /** The schedule's jitter; tests fix it. */
  random?: () => number;
  /** Where attempts are counted (the serving process's registry); absent, nowhere. */
  metrics?: Pick<Metrics, 'observeWebhookAttempt' | 'webhookEndpointHealth' | 'webhookEndpointsPaused'>;
}

/** A dispatcher's options from the configuration. */
export function dispatcherOptions(
  config: Pick<
    Config,
    | 'webhookTimeoutMs'
    | 'webhookPollIntervalMs'
    | 'webhookConcurrency'
    | 'webhookEndpointConcurrency'
    | 'webhookOrganizationConcurrency'
    | 'webhookAllowLoopback'
    | 'webhookDnsServers'
    | 'webhookDnsTimeoutMs'
    | 'webhookSecretsKeys'
  >,
  db: Database,
  logger: Logger,
  metrics?: DispatcherOptions['metrics'],
): DispatcherOptions {
  if (!config.webhookSecretsKeys)
    throw new Error('the webhook dispatcher needs WEBHOOK_SECRETS_KEY to open the endpoints’ signing secrets');
  return {
    db,
    logger,
    metrics,
    timeoutMs: config.webhookTimeoutMs,
    pollIntervalMs: config.webhookPollIntervalMs,
    concurrency: config.webhookConcurrency,
    endpointConcurrency: config.webhookEndpointConcurrency,
    organizationConcurrency: config.webhookOrganizationConcurrency,
    targets: { allowLoopback: config.webhookAllowLoopback },
    resolve: createHostResolver({ servers: config.webhookDnsServers, timeoutMs: config.webhookDnsTimeoutMs }),
    secrets: createSecretBox(config.webhookSecretsKeys),
  };
}

export interface Dispatcher {
  /** Looks for due deliveries now rather than at the next poll. */
  wake(): void;
  /**
   * Claims what free slots can take now and starts those attempts, apart from the loop;
   * resolves with how many it claimed. Tests ask it whether anything is due.
   */
  runOnce(): Promise<number>;
  /** Resolves once no attempt is under way and the last claim found nothing due. */
  idle(): Promise<void>;
  /** Claims no more, lets the attempts under way end (each within the timeout) and records them. */
  stop(): Promise<void>;
  /**
   * Claims no more and cuts the attempts under way without recording them, as a crash would:
   * their claims lapse and another dispatcher sends those deliveries again.
   */
  abandon(): Promise<void>;
}

/** How long a claim outlives its attempt's timeout: another dispatcher retries only after it. */
const CLAIM_MARGIN_MS = 30_000;
/** How often the paused endpoints are counted for the metrics' gauge. */
const PAUSED_COUNT_INTERVAL_MS = 15_000;

export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const stopping = new AbortController();
  const abandoning = new AbortController();
  // Every attempt under way listens to it.
  setMaxListeners(options.concurrency + 1, abandoning.signal);
  const transport = createWebhookTransport({
    targets: options.targets,
    resolve: options.resolve,
  });
  const successes = createSuccessBatch(db);
  // A claim is a few statements, whatever it takes: a busy dispatcher claims for a quarter of
  // its slots at a time rather than for each slot that frees up.
  const claimBatch = Math.max(1, Math.floor(options.concurrency / 4));
  const freeSlots = () => options.concurrency - inFlight.size;
  const inFlight = new Set<Promise<void>>();
  let wakeUp: () => void = () => undefined;
  // A wake that comes while the loop is claiming is kept for the next turn.
  let woken = false;
  let lastClaimFoundNothing = false;
  // When the paused endpoints were last counted (performance.now()); a pause or resumption resets it.
  let pausedCountedAt = -Infinity;
  const idleWaiters: (() => void)[] = [];

  const wake = () => {
    woken = true;
    wakeUp();
  };
  const unsubscribe = onDeliveriesQueued(wake);

  const settleIdle = () => {
    if (inFlight.size > 0 || !lastClaimFoundNothing) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  /**
   * The endpoint's secrets in plain text, or none when one does not open: a key missing from
   * WEBHOOK_SECRETS_KEY is the operator's to fix, not the receiver's failure, so nothing is sent
   * or recorded (no retry used up, no pause of the endpoint) and the delivery goes out once its
   * claim lapses and the key is back.
   */
  // Opening is AES-GCM each time; a busy endpoint's sealed secret opens once. A rotation
  // stores a new sealed value, so a cached one is never stale.
  const opened = new BoundedCache<string, string>(1024);
  function openedSecrets(claimed: ClaimedDelivery, at: Date): string[] | undefined {
    try {
      return signingSecrets(claimed, at).map((stored) =>
        opened.getOrCreate(`${claimed.endpointId} ${stored}`, () => options.secrets.open(stored, claimed.endpointId)),
      );
    } catch (error) {
      logger.error(
        { err: error, delivery_id: claimed.id, endpoint_id: claimed.endpointId },
        'webhook signing secret does not open; not sent, tried again when its claim lapses',
      );
      return undefined;
    }
  }

  async function attempt(claimed: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify(eventResource(claimed.event));
    const sentAt = clock();
    const secrets = openedSecrets(claimed, sentAt);
    if (!secrets) return;
    const result = await transport.send(
      {
        url: claimed.url,
        headers: signedHeaders(claimed.event.id, body, secrets, sentAt),
        body,
      },
      { timeoutMs: options.timeoutMs, signal: abandoning.signal },
    );
    // An abandoned attempt records nothing: the claim lapses and the delivery is sent again.
    if (abandoning.signal.aborted) return;
    const record = attemptRecord(claimed, result, clock(), options.random);
    const { recorded, health } = await recordAttemptWithHealth(db, claimed, record, successes);
    options.metrics?.observeWebhookAttempt({
      outcome: record.outcome.status,
      error: result.error,
      durationMs: result.latencyMs,
    });
    const fields = {
      delivery_id: claimed.id,
      endpoint_id: claimed.endpointId,
      event_id: claimed.event.id,
      attempt: claimed.attempts + 1,
      status_code: result.statusCode,
      error: result.error,
      latency_ms: result.latencyMs,
    };
    if (!recorded) logger.warn(fields, 'webhook attempt finished after its claim lapsed; not recorded');
    // A receiver's failures are its admins' to read in the delivery log; here they are detail.
    else if (result.error) logger.debug({ ...fields, outcome: record.outcome.status }, 'webhook attempt failed');
    else logger.debug(fields, 'webhook delivered');
    for (const change of ['paused', 'resumed', 'disabled'] as const) {
      if (!health[change]) continue;
      pausedCountedAt = -Infinity;
      options.metrics?.webhookEndpointHealth(change);
      logger.info({ endpoint_id: claimed.endpointId, org_id: claimed.orgId }, `webhook endpoint ${change}`);
    }
  }

  /** Claims what free slots can take and starts those attempts; returns how many. */
  async function fill(): Promise<number> {
    const slots = options.concurrency - inFlight.size;
    if (slots <= 0) return 0;
    const now = clock();
    const token = randomBytes(12).toString('base64url');
    const claimed = await claimFairShare(db, {
      token,
      now,
      claimedUntil: new Date(now.getTime() + options.timeoutMs + CLAIM_MARGIN_MS),
      limits: {
        slots,
        perEndpoint: options.endpointConcurrency,
        perOrganization: options.organizationConcurrency,
      },
    });
    // Stopped while claiming: give the deliveries back at once rather than let the claims lapse.
    if (stopping.signal.aborted) {
      await releaseClaims(db, token);
      return 0;
    }
    for (const delivery of claimed) {
      const running: Promise<void> = attempt(delivery)
        .catch((error: unknown) =>
          logger.error({ err: error, delivery_id: delivery.id }, 'recording a webhook attempt failed'),
        )
        .finally(() => {
          inFlight.delete(running);
          // Its slot, and its endpoint's, are free again: only a new claim can tell whether all is done.
          lastClaimFoundNothing = false;
          if (freeSlots() >= claimBatch) wake();
        });
      inFlight.add(running);
    }
    lastClaimFoundNothing = claimed.length === 0;
    settleIdle();
    return claimed.length;
  }

  // Claims run one at a time: the loop's and runOnce's share this chain.
  let claiming: Promise<unknown> = Promise.resolve();
  const claimNow = (): Promise<number> => {
    const next = claiming.then(fill);
    claiming = next.catch(() => undefined);
    return next;
  };

  async function countPausedNowAndThen(): Promise<void> {
    const metrics = options.metrics;
    if (!metrics || performance.now() - pausedCountedAt < PAUSED_COUNT_INTERVAL_MS) return;
    pausedCountedAt = performance.now();
    metrics.webhookEndpointsPaused(await countPausedEndpoints(db, clock()));
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let claimed = 0;
      try {
        claimed = await claimNow();
        await countPausedNowAndThen();
      } catch (error) {
        logger.warn({ err: error }, 'claiming webhook deliveries failed; trying again at the next poll');
      }
      if (claimed > 0 && freeSlots() >= claimBatch) continue;
      if (woken) {
        woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = () => undefined;
      woken = false;
    }
  })();

  const stop = async () => {
    unsubscribe();
    stopping.abort();
    wake();
    await loop;
    await claiming;
    await Promise.allSettled([...inFlight]);
    transport.close();
    for (const resolve of idleWaiters.splice(0)) resolve();
  };
  return {
    wake,
    runOnce: () => (stopping.signal.aborted ? Promise.resolve(0) : claimNow()),
    idle() {
      if (stopping.signal.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake();
      });
    },
    stop,
    async abandon() {
      abandoning.abort();
      await stop();
    },
  };
}

/** What an attempt's result means for its delivery: done, failed for good, or due again when. */
export function attemptRecord(
  claimed: Pick<ClaimedDelivery, 'attempts'>,
  result: SendResult,
  at: Date,
  random?: () => number,
): AttemptRecord {
  const attemptNumber = claimed.attempts + 1;
  const base = {
    at,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    error: result.error,
    responseBody: result.responseBody,
  };
  if (result.error === null) return { ...base, outcome: { status: 'succeeded' } };
  const honoured =
    result.statusCode === 429 || result.statusCode === 503 ? retryAfterSeconds(result.retryAfter, at) : null;
  const next = nextAttemptAt(attemptNumber, at, honoured, random);
  return { ...base, outcome: next ? { status: 'pending', nextAttemptAt: next } : { status: 'failed' } };
}
