// The webhook dispatcher: claims due deliveries (src/data/webhook-deliveries-repository.ts),
// sends each signed (src/webhooks/signing.ts, send.ts), and records the attempt with the next
// one's time on the retry schedule (src/domain/webhook-schedule.ts). Any number of
// dispatchers, in API processes or on their own (src/cli/dispatch.ts), share the work: a
// claim is one conditional update, and it outlives the longest attempt, so no delivery is
// sent by two of them at once; a dispatcher that dies mid-attempt leaves claims that lapse,
// and the delivery goes out again with the same `webhook-id`.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { lookup } from 'node:dns';
import { purgeChangeEvents } from '../data/change-events-repository.js';
import type { Config } from '../config.js';
import type { Database } from '../data/database.js';
import {
  claimDueDeliveries,
  recordAttempt,
  releaseClaims,
  type AttemptRecord,
  type ClaimedDelivery,
} from '../data/webhook-deliveries-repository.js';
import { FEED_RETENTION_DAYS } from '../domain/change-feed.js';
import { onDeliveriesQueued } from '../domain/delivery-signal.js';
import { nextAttemptAt, retryAfterSeconds } from '../domain/webhook-schedule.js';
import type { TargetPolicy } from '../domain/webhook-targets.js';
import { changeEventResource } from '../http/handlers/resources.js';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../logger.js';
import { signedHeaders } from './signing.js';
import { sendWebhook, type SendResult } from './send.js';

export interface DispatcherOptions {
  db: Database;
  logger: Logger;
  timeoutMs: number;
  pollIntervalMs: number;
  concurrency: number;
  targets: TargetPolicy;
  /** Now, for schedules and claims; tests move it days ahead. */
  clock?: () => Date;
  /** The schedule's jitter; tests fix it. */
  random?: () => number;
  /** The resolver behind the delivery-time address check; tests point names at addresses. */
  lookup?: typeof lookup;
  /** Where attempts are counted (the serving process's registry); absent, nowhere. */
  metrics?: Pick<Metrics, 'observeWebhookAttempt' | 'webhookEndpointDisabled'>;
}

/** A dispatcher's options from the configuration. */
export function dispatcherOptions(
  config: Pick<Config, 'webhookTimeoutMs' | 'webhookPollIntervalMs' | 'webhookConcurrency' | 'webhookAllowLoopback'>,
  db: Database,
  logger: Logger,
  metrics?: DispatcherOptions['metrics'],
): DispatcherOptions {
  return {
    db,
    logger,
    metrics,
    timeoutMs: config.webhookTimeoutMs,
    pollIntervalMs: config.webhookPollIntervalMs,
    concurrency: config.webhookConcurrency,
    targets: { allowLoopback: config.webhookAllowLoopback },
  };
}

export interface Dispatcher {
  /** Looks for due deliveries now rather than at the next poll. */
  wake(): void;
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
const PURGE_INTERVAL_MS = 10 * 60_000;

export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const stopping = new AbortController();
  const abandoning = new AbortController();
  // Every attempt under way listens to it.
  setMaxListeners(options.concurrency + 1, abandoning.signal);
  const inFlight = new Set<Promise<void>>();
  let wakeUp: () => void = () => undefined;
  // A wake that comes while the loop is claiming is kept for the next turn.
  let woken = false;
  let lastPurge = 0;

  const wake = () => {
    woken = true;
    wakeUp();
  };
  const unsubscribe = onDeliveriesQueued(wake);

  async function attempt(claimed: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify(changeEventResource(claimed.event));
    const sentAt = clock();
    const result = await sendWebhook(
      { url: claimed.url, headers: signedHeaders(claimed.event.id, body, claimed.secrets, sentAt), body },
      { timeoutMs: options.timeoutMs, targets: options.targets, signal: abandoning.signal, lookup: options.lookup },
    );
    // An abandoned attempt records nothing: the claim lapses and the delivery is sent again.
    if (abandoning.signal.aborted) return;
    const record = attemptRecord(claimed, result, clock(), options.random);
    const { recorded, endpointDisabled } = await recordAttempt(db, claimed, record);
    options.metrics?.observeWebhookAttempt({
      outcome: record.outcome.status,
      error: result.error,
      durationMs: result.latencyMs,
    });
    if (endpointDisabled) options.metrics?.webhookEndpointDisabled();
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
    if (endpointDisabled)
      logger.warn(
        { endpoint_id: claimed.endpointId },
        'webhook endpoint disabled: it failed for the whole retry schedule',
      );
  }

  async function purgeNowAndThen(): Promise<void> {
    const now = clock();
    if (now.getTime() - lastPurge < PURGE_INTERVAL_MS) return;
    lastPurge = now.getTime();
    await purgeChangeEvents(db, new Date(now.getTime() - FEED_RETENTION_DAYS * 86_400_000));
  }

  /** Claims what free slots can take and starts those attempts; returns how many. */
  async function fill(): Promise<number> {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return 0;
    const now = clock();
    const token = randomBytes(12).toString('base64url');
    const claimed = await claimDueDeliveries(db, {
      token,
      now,
      claimedUntil: new Date(now.getTime() + options.timeoutMs + CLAIM_MARGIN_MS),
      limit: free,
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
          wake();
        });
      inFlight.add(running);
    }
    return claimed.length;
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let claimed = 0;
      try {
        await purgeNowAndThen();
        claimed = await fill();
      } catch (error) {
        logger.warn({ err: error }, 'claiming webhook deliveries failed; trying again at the next poll');
      }
      if (claimed > 0 && inFlight.size < options.concurrency) continue;
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
    await Promise.allSettled([...inFlight]);
  };
  return {
    wake,
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
