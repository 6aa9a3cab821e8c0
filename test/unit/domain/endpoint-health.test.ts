// The circuit breaker of a webhook endpoint (src/domain/endpoint-health.ts): what each attempt's
// verdict does to the endpoint's health, when it pauses, how long, when the organization is
// told, and when the endpoint is disabled.
import { expect } from 'chai';
import {
  DISABLE_AFTER_FAILING_MS,
  FAILURES_TO_PAUSE,
  FIRST_PAUSE_MS,
  LONGEST_PAUSE_MS,
  PAUSE_NOTICE_AFTER_MS,
  SUCCESS_RECORD_INTERVAL_MS,
  healthAfter,
  pauseFor,
  recordsOnlyTheDelivery,
  verdictOf,
  type EndpointHealth,
} from '../../../src/domain/endpoint-health.js';

const at = new Date('2026-12-07T12:00:00.000Z');
const later = (ms: number) => new Date(at.getTime() + ms);

const healthy: EndpointHealth = {
  status: 'enabled',
  consecutiveFailures: 0,
  pausedUntil: null,
  pausedSince: null,
  pauseNotified: false,
  failingSince: null,
  lastSuccessAt: null,
};

const attempt = (verdict: 'succeeded' | 'refused' | 'unwell', when = at, extra = {}) => ({
  verdict,
  at: when,
  deliveryFailedForGood: false,
  firstAttemptAt: when,
  probe: false,
  ...extra,
});
/** An attempt claimed while the endpoint was paused: the probe. */
const probe = (verdict: 'succeeded' | 'refused' | 'unwell', when = at) => attempt(verdict, when, { probe: true });

describe('webhook endpoint health', () => {
  it('reads an attempt as succeeded, refused (a quick answer that is not 2xx) or unwell', () => {
    expect(verdictOf({ error: null, statusCode: 204 })).to.equal('succeeded');
    expect(verdictOf({ error: 'http_status', statusCode: 400 })).to.equal('refused');
    expect(verdictOf({ error: 'http_status', statusCode: 404 })).to.equal('refused');
    expect(verdictOf({ error: 'http_status', statusCode: 301 })).to.equal('refused');
    expect(verdictOf({ error: 'http_status', statusCode: 429 })).to.equal('unwell');
    expect(verdictOf({ error: 'http_status', statusCode: 500 })).to.equal('unwell');
    expect(verdictOf({ error: 'http_status', statusCode: 503 })).to.equal('unwell');
    expect(verdictOf({ error: 'http_status', statusCode: 499 })).to.equal('refused');
    for (const error of ['timeout', 'connection_failed', 'dns_failed', 'blocked_address'])
      expect(verdictOf({ error, statusCode: null })).to.equal('unwell');
  });

  it('pauses 30 s after the fifth failure in a row, doubling with each failure after, up to an hour', () => {
    expect(FAILURES_TO_PAUSE).to.equal(5);
    expect(pauseFor(5)).to.equal(FIRST_PAUSE_MS);
    expect(pauseFor(6)).to.equal(2 * FIRST_PAUSE_MS);
    expect(pauseFor(7)).to.equal(4 * FIRST_PAUSE_MS);
    expect(pauseFor(11)).to.equal(64 * FIRST_PAUSE_MS);
    expect(pauseFor(12)).to.equal(LONGEST_PAUSE_MS);
    expect(pauseFor(10_000)).to.equal(LONGEST_PAUSE_MS);
    expect(LONGEST_PAUSE_MS).to.equal(3600_000);
  });

  it('counts unwell attempts and pauses at the fifth, not before', () => {
    let health = healthy;
    for (let failure = 1; failure < FAILURES_TO_PAUSE; failure++) {
      const change = healthAfter(health, attempt('unwell'));
      expect(change.paused).to.equal(false);
      expect(change.fields).to.not.have.property('pausedUntil');
      expect(change.fields.consecutiveFailures).to.equal(failure);
      health = { ...health, ...change.fields };
    }
    expect(health.failingSince).to.deep.equal(at);
    const fifth = healthAfter(health, attempt('unwell', later(1000)));
    expect(fifth.paused).to.equal(true);
    expect(fifth.fields).to.deep.include({
      consecutiveFailures: 5,
      pausedSince: later(1000),
      pausedUntil: later(1000 + FIRST_PAUSE_MS),
      lastFailureAt: later(1000),
    });
    expect(fifth.fields, 'failing since the first failure already').to.not.have.property('failingSince');
    expect(fifth.notices).to.deep.equal([]);
  });

  it('a failed probe pauses twice as long and keeps when the pause began; the transition is told once', () => {
    const paused = {
      ...healthy,
      consecutiveFailures: 5,
      pausedSince: at,
      pausedUntil: later(FIRST_PAUSE_MS),
      failingSince: at,
    };
    const change = healthAfter(paused, probe('unwell', later(FIRST_PAUSE_MS)));
    expect(change.paused, 'already paused').to.equal(false);
    expect(change.fields).to.deep.include({
      consecutiveFailures: 6,
      pausedSince: at,
      pausedUntil: later(FIRST_PAUSE_MS + 2 * FIRST_PAUSE_MS),
    });
  });

  it('tells the organization once when a pause has lasted 15 minutes', () => {
    const paused = {
      ...healthy,
      consecutiveFailures: 9,
      pausedSince: at,
      pausedUntil: later(PAUSE_NOTICE_AFTER_MS),
      failingSince: at,
    };
    const early = healthAfter(paused, probe('unwell', later(PAUSE_NOTICE_AFTER_MS - 1)));
    expect(early.notices).to.deep.equal([]);
    expect(early.fields).to.not.have.property('pauseNotified');
    const due = healthAfter(paused, probe('unwell', later(PAUSE_NOTICE_AFTER_MS)));
    expect(due.fields.pauseNotified).to.equal(true);
    expect(due.notices).to.deep.equal([
      {
        type: 'webhook_endpoint.paused',
        pausedSince: at,
        pausedUntil: later(PAUSE_NOTICE_AFTER_MS + pauseFor(10)),
        consecutiveFailures: 10,
      },
    ]);
    const again = healthAfter({ ...paused, pauseNotified: true }, probe('unwell', later(2 * PAUSE_NOTICE_AFTER_MS)));
    expect(again.notices).to.deep.equal([]);
  });

  it('resumes on any quick answer, and says so only after it said the pause', () => {
    const paused = { ...healthy, consecutiveFailures: 7, pausedSince: at, pausedUntil: later(1000), failingSince: at };
    for (const verdict of ['succeeded', 'refused'] as const) {
      const quiet = healthAfter(paused, attempt(verdict, later(2000)));
      expect(quiet.resumed).to.equal(true);
      expect(quiet.fields).to.deep.include({
        consecutiveFailures: 0,
        pausedUntil: null,
        pausedSince: null,
        pauseNotified: false,
      });
      expect(quiet.notices).to.deep.equal([]);
      const told = healthAfter({ ...paused, pauseNotified: true }, attempt(verdict, later(2000)));
      expect(told.notices).to.deep.equal([{ type: 'webhook_endpoint.resumed', pausedSince: at }]);
    }
  });

  it('a refusal (4xx) counts as failing for the disabling rule but ends a run of unwell attempts', () => {
    const change = healthAfter({ ...healthy, consecutiveFailures: 3 }, attempt('refused'));
    expect(change.fields).to.deep.include({ consecutiveFailures: 0, failingSince: at, lastFailureAt: at });
    expect(change.paused).to.equal(false);
    const firstRefusal = healthAfter(healthy, attempt('refused'));
    expect(firstRefusal.fields).to.deep.equal({ failingSince: at, lastFailureAt: at });
  });

  it('a success clears the failure record, and is written at most once a second while nothing else changes', () => {
    const failing = { ...healthy, failingSince: at, consecutiveFailures: 2 };
    expect(healthAfter(failing, attempt('succeeded', later(5))).fields).to.deep.equal({
      consecutiveFailures: 0,
      pausedUntil: null,
      pausedSince: null,
      pauseNotified: false,
      failingSince: null,
      lastSuccessAt: later(5),
    });
    const recent = { ...healthy, lastSuccessAt: at };
    expect(healthAfter(recent, attempt('succeeded', later(SUCCESS_RECORD_INTERVAL_MS - 1))).fields).to.deep.equal({});
    expect(healthAfter(recent, attempt('succeeded', later(SUCCESS_RECORD_INTERVAL_MS))).fields).to.deep.equal({
      lastSuccessAt: later(SUCCESS_RECORD_INTERVAL_MS),
    });
    expect(healthAfter(healthy, attempt('succeeded')).fields).to.deep.equal({ lastSuccessAt: at });
  });

  it('disables an endpoint that failed for as long as the whole retry schedule, and says so', () => {
    const failing = {
      ...healthy,
      failingSince: at,
      consecutiveFailures: 30,
      pausedSince: at,
      pausedUntil: at,
      pauseNotified: true,
    };
    const before = healthAfter(failing, probe('unwell', later(DISABLE_AFTER_FAILING_MS - 1)));
    expect(before.disabled).to.equal(false);
    const change = healthAfter(failing, probe('unwell', later(DISABLE_AFTER_FAILING_MS)));
    expect(change.disabled).to.equal(true);
    expect(change.fields).to.deep.include({
      status: 'disabled',
      disabledReason: 'failing',
      consecutiveFailures: 0,
      pausedUntil: null,
      pausedSince: null,
      pauseNotified: false,
    });
    expect(change.notices).to.deep.equal([{ type: 'webhook_endpoint.disabled', failingSince: at }]);
    const refused = healthAfter(failing, probe('refused', later(DISABLE_AFTER_FAILING_MS)));
    expect(refused.disabled, 'refusals count as failing too').to.equal(true);
    expect(
      healthAfter({ ...failing, status: 'disabled' }, probe('unwell', later(DISABLE_AFTER_FAILING_MS))).disabled,
    ).to.equal(false);
  });

  it('disables when a delivery used up its schedule and nothing succeeded since its first attempt', () => {
    const failing = { ...healthy, failingSince: at };
    const exhausted = (firstAttemptAt: Date) =>
      healthAfter(failing, attempt('refused', later(1000), { deliveryFailedForGood: true, firstAttemptAt }));
    expect(exhausted(at).disabled).to.equal(true);
    expect(exhausted(later(500)).disabled).to.equal(true);
    expect(exhausted(new Date(at.getTime() - 1)).disabled, 'a success came after its first attempt').to.equal(false);
    expect(
      healthAfter(failing, attempt('refused', later(1000), { deliveryFailedForGood: false, firstAttemptAt: at }))
        .disabled,
    ).to.equal(false);
  });

  it('takes 30 s, 1, 2, 4, 8 min… to probe a dead endpoint, so the 15-minute notice comes with the probe after it', () => {
    let health: EndpointHealth = healthy;
    let now = at;
    const notices: string[] = [];
    for (let failure = 1; failure <= 12; failure++) {
      const change = healthAfter(health, attempt('unwell', now, { probe: health.pausedSince !== null }));
      notices.push(...change.notices.map((notice) => `${failure}:${notice.type}`));
      health = { ...health, ...change.fields };
      now = health.pausedUntil ?? now;
    }
    // 30 s + 1 + 2 + 4 + 8 min is 15.5 minutes: the fifth probe is the first past the notice.
    expect(notices).to.deep.equal(['10:webhook_endpoint.paused']);
  });

  it('records a success at an endpoint healthy when claimed by its delivery alone, its last success once a second', () => {
    const claimed = { consecutiveFailures: 0, pausedSince: null, failingSince: null, lastSuccessAt: at };
    expect(recordsOnlyTheDelivery(claimed, 'succeeded', later(SUCCESS_RECORD_INTERVAL_MS - 1))).to.deep.equal({
      lastSuccessAt: false,
    });
    expect(recordsOnlyTheDelivery(claimed, 'succeeded', later(SUCCESS_RECORD_INTERVAL_MS))).to.deep.equal({
      lastSuccessAt: true,
    });
    expect(recordsOnlyTheDelivery({ ...claimed, lastSuccessAt: null }, 'succeeded', at)).to.deep.equal({
      lastSuccessAt: true,
    });
    for (const verdict of ['refused', 'unwell'] as const)
      expect(recordsOnlyTheDelivery(claimed, verdict, at), verdict).to.equal(undefined);
    expect(recordsOnlyTheDelivery({ ...claimed, consecutiveFailures: 1 }, 'succeeded', at)).to.equal(undefined);
    expect(recordsOnlyTheDelivery({ ...claimed, pausedSince: at }, 'succeeded', at)).to.equal(undefined);
    expect(recordsOnlyTheDelivery({ ...claimed, failingSince: at }, 'succeeded', at)).to.equal(undefined);
  });

  it('counts the attempts under way when a pause began as its own: no doubling, no count, until a probe fails', () => {
    const paused = {
      ...healthy,
      consecutiveFailures: 5,
      pausedSince: at,
      pausedUntil: later(FIRST_PAUSE_MS),
      failingSince: at,
    };
    const inFlight = healthAfter(paused, attempt('unwell', later(2000)));
    expect(inFlight.fields).to.deep.equal({ lastFailureAt: later(2000) });
    expect(inFlight.paused).to.equal(false);
    const failedProbe = healthAfter(paused, probe('unwell', later(FIRST_PAUSE_MS)));
    expect(failedProbe.fields).to.deep.include({ consecutiveFailures: 6, pausedUntil: later(3 * FIRST_PAUSE_MS) });
    // An answer to an attempt under way still closes the breaker: the receiver is up.
    expect(healthAfter(paused, attempt('refused', later(2000))).resumed).to.equal(true);
  });

  it('starts a run of failures again when a success was written after it began', () => {
    const brokenRun = { ...healthy, consecutiveFailures: 4, failingSince: at, lastSuccessAt: later(1) };
    const change = healthAfter(brokenRun, attempt('unwell', later(DISABLE_AFTER_FAILING_MS)));
    expect(change.fields).to.deep.include({ consecutiveFailures: 1, failingSince: later(DISABLE_AFTER_FAILING_MS) });
    expect(change.paused, 'not the fifth in a row').to.equal(false);
    expect(change.disabled, 'not failing for three days').to.equal(false);
    const unbroken = { ...brokenRun, lastSuccessAt: at };
    expect(healthAfter(unbroken, attempt('unwell', later(10))).fields.consecutiveFailures).to.equal(5);
  });
});
