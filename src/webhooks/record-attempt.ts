// Recording one attempt: the delivery's new state, and in the same transaction its endpoint's
// health (src/domain/endpoint-health.ts) with the events that tell the organization of a long
// pause, a resumption or a disabling (src/domain/change-events.ts). The endpoint's row is read
// locked, so that two attempts' verdicts on one endpoint are counted one after the other.
import type { Database } from '../data/database.js';
import { inTransaction } from '../data/transaction.js';
import {
  recordAttempt,
  recordEndpointSuccess,
  type AttemptRecord,
  type ClaimedDelivery,
} from '../data/webhook-deliveries-repository.js';
import { findEndpoint, updateEndpoint } from '../data/webhook-endpoints-repository.js';
import { endpointHealthEvent, recordChangeEvents } from '../domain/change-events.js';
import { healthAfter, recordsOnlyTheDelivery, verdictOf, type HealthChange } from '../domain/endpoint-health.js';
import type { SuccessBatch } from './success-batch.js';

export interface RecordedAttempt {
  /** False when the claim had lapsed and another dispatcher has the delivery. */
  recorded: boolean;
  health: Pick<HealthChange, 'paused' | 'resumed' | 'disabled'>;
}

const unchanged = { paused: false, resumed: false, disabled: false };

export async function recordAttemptWithHealth(
  db: Database,
  claimed: Pick<ClaimedDelivery, 'id' | 'claimToken' | 'orgId' | 'endpointId' | 'firstAttemptAt' | 'endpointHealth'>,
  attempt: AttemptRecord,
  successes: SuccessBatch,
): Promise<RecordedAttempt> {
  // Most attempts are successes at healthy endpoints: their endpoint's row is left alone, but
  // for its last success about once a second, so that busy endpoints' attempts do not queue
  // for its lock (src/domain/endpoint-health.ts, recordsOnlyTheDelivery).
  const quick = recordsOnlyTheDelivery(claimed.endpointHealth, verdictOf(attempt), attempt.at);
  if (quick !== undefined) {
    const recorded = await successes.record({
      id: claimed.id,
      claimToken: claimed.claimToken,
      firstAttemptAt: claimed.firstAttemptAt ?? attempt.at,
      at: attempt.at,
      statusCode: attempt.statusCode,
      latencyMs: attempt.latencyMs,
      responseBody: attempt.responseBody,
    });
    if (recorded && quick.lastSuccessAt) await recordEndpointSuccess(db, claimed.endpointId, attempt.at);
    return { recorded, health: unchanged };
  }
  return inTransaction(db, async (trx) => {
    if (!(await recordAttempt(trx, claimed, attempt))) return { recorded: false, health: unchanged };
    const endpoint = await findEndpoint(trx, claimed.orgId, claimed.endpointId, { forUpdate: true });
    if (!endpoint) return { recorded: true, health: unchanged };
    const change = healthAfter(endpoint, {
      verdict: verdictOf(attempt),
      at: attempt.at,
      deliveryFailedForGood: attempt.outcome.status === 'failed',
      firstAttemptAt: claimed.firstAttemptAt ?? attempt.at,
      probe: claimed.endpointHealth.pausedSince !== null,
    });
    if (Object.keys(change.fields).length > 0)
      await updateEndpoint(trx, claimed.orgId, claimed.endpointId, {
        ...change.fields,
        ...(change.disabled ? { updatedAt: attempt.at } : {}),
      });
    if (change.notices.length > 0)
      await recordChangeEvents(
        trx,
        {
          orgId: claimed.orgId,
          subjectId: claimed.endpointId,
          createdAt: attempt.at,
          exceptEndpointId: claimed.endpointId,
        },
        change.notices.map((notice) =>
          endpointHealthEvent(notice, {
            url: endpoint.url,
            lastError: attempt.error,
            lastStatusCode: attempt.statusCode,
          }),
        ),
      );
    return { recorded: true, health: { paused: change.paused, resumed: change.resumed, disabled: change.disabled } };
  });
}
