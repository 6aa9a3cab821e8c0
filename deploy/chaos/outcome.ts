// The assertions after the load: the database against the ledger, the clients' answers, the
// writer's failovers, and the partner events.
import type { Checks } from './checks.js';
import type { LoadRecord } from './load-through-faults.js';
import type { DatabaseVerdict } from './ledger-verdict.js';
import { median, writerFailovers, type AttemptSummary } from './measures.js';
import { seconds } from './format.js';
import type { ChaosSettings } from './settings.js';
import type { EventsVerdict } from './webhooks.js';

/** The chaos organization's last event may reach its receiver this long after the load, at most. */
export const deliveredWithinMs = 45_000;

export function checkOutcome(
  checks: Checks,
  record: LoadRecord,
  verdict: DatabaseVerdict,
  summary: AttemptSummary,
  settings: Pick<ChaosSettings, 'writerFailoverBudgetMs' | 'requireRetryAfter'>,
): void {
  const { counts, unexpected } = record.ledger;
  const { unavailable, other5xx, noAnswer, cutCreates, withoutRetryAfter } = summary;
  const [first, ...others] = verdict.checksums;
  checks.check(verdict.lost === 0, `lost acknowledged writes: ${verdict.lost} (of ${counts.acknowledged})`);
  const failovers = writerFailovers(record.timeline.windows, record.attempts);
  checks.check(
    median(failovers) <= settings.writerFailoverBudgetMs,
    `writer failover disruption, median of ${failovers.length} SIGKILLs: ${seconds(median(failovers))} (at most ${seconds(settings.writerFailoverBudgetMs)}; each ${failovers.map(seconds).join(', ')})`,
  );
  checks.check(verdict.duplicated === 0, `duplicated: ${verdict.duplicated}`);
  checks.check(verdict.phantoms === 0, `groups nobody created: ${verdict.phantoms}`);
  checks.check(
    verdict.partialCreates === 0,
    `creates without 200 that were committed, but not whole: ${verdict.partialCreates} (of ${verdict.committedUnacknowledged})`,
  );
  checks.check(
    verdict.auditMismatches === 0,
    `audit log replays to the stored state: ${verdict.groupsChecked - verdict.auditMismatches} of ${verdict.groupsChecked} groups (${verdict.auditEvents} events)`,
  );
  checks.check(other5xx === 0, `5xx other than 503: ${other5xx}`);
  checks.check(
    noAnswer.length === cutCreates,
    `attempts without an HTTP answer: ${noAnswer.length - cutCreates} (besides ${cutCreates} create(s) cut by the API process kill)`,
  );
  checks.check(
    !settings.requireRetryAfter || withoutRetryAfter === 0,
    `503 with Retry-After: ${unavailable.length - withoutRetryAfter} of ${unavailable.length}${settings.requireRetryAfter ? '' : ' (not required: CLUSTER_REQUIRE_RETRY_AFTER=0)'}`,
  );
  checks.check(
    unexpected.length === 0,
    `operations that failed for good or answered unexpectedly: ${unexpected.length}`,
  );
  checks.check(
    counts.staleReads === 0,
    `reads that missed an acknowledged write: ${counts.staleReads} of ${counts.reads}`,
  );
  checks.check(
    record.rejoins.length > 0 && record.rejoins.every((rejoin) => rejoin.size === 3 && rejoin.state === 'Synced'),
    `the writer rejoined after each of its ${record.rejoins.length} restarts: ${record.rejoins.map((rejoin) => `wsrep_cluster_size ${rejoin.size}, ${rejoin.state}`).join('; ')}`,
  );
  checks.check(
    others.every((sum) => sum === first),
    'the three nodes hold identical tables (CHECKSUM TABLE)',
  );
}

export function checkEvents(checks: Checks, events: EventsVerdict): void {
  const { neighbour } = events;
  checks.check(
    neighbour.mostOpen <= 4 && neighbour.consecutive_failures >= 5 && neighbour.paused_until !== null,
    `the dead endpoint held at most 4 connections (${neighbour.mostOpen}) and was paused after ${neighbour.consecutive_failures} failures in a row`,
  );
  checks.check(
    events.allDeliveredAfterMs !== undefined && events.allDeliveredAfterMs <= deliveredWithinMs,
    `every chaos event reached its receiver within ${seconds(deliveredWithinMs)} of the load's end, the neighbour notwithstanding (the killed dispatcher's claims lapse after 32 s)`,
  );
  for (const groupId of events.groupsOff.slice(0, 10))
    console.log(`  ! ${groupId}: its events do not tell its changes`);
  checks.check(
    events.groupsOff.length === 0,
    `every group's events number 1…n, open with its creation, close with its deletion iff deleted, and replay to its members: ${events.groupsOff.length} groups off`,
  );
  checks.check(
    events.auditUntold === 0 && events.auditToldTwice === 0,
    `every committed change has exactly one event (audit events told by none: ${events.auditUntold}, by two: ${events.auditToldTwice})`,
  );
  checks.check(events.queuedOff === 0, `every event has exactly one delivery queued: ${events.queuedOff} without`);
  checks.check(
    events.undelivered === 0 && events.unverified === 0,
    `every event reached the receiver at least once, signed: ${events.events - events.undelivered} of ${events.events} (receipts that did not verify: ${events.unverified})`,
  );
}
