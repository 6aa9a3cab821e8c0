// The webhook retry schedule (src/domain/webhook-schedule.ts) and how an attempt's result
// becomes its delivery's next state (src/webhooks/dispatcher.ts, attemptRecord).
import { expect } from 'chai';
import {
  JITTER,
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_SECONDS,
  nextAttemptAt,
  RETRY_DELAYS_SECONDS,
  retryAfterSeconds,
} from '../../../src/domain/webhook-schedule.js';
import { attemptRecord } from '../../../src/webhooks/dispatcher.js';
import type { SendResult } from '../../../src/webhooks/send.js';

const at = new Date('2026-12-04T10:00:00.000Z');
const waitOf = (next: Date | null) => (next!.getTime() - at.getTime()) / 1000;

describe('webhook retry schedule', () => {
  it('is ten attempts over 2 days 20 h 36 min 10 s nominal, growing from 10 s to a day', () => {
    expect(MAX_ATTEMPTS).to.equal(10);
    expect(RETRY_DELAYS_SECONDS.reduce((sum, seconds) => sum + seconds, 0)).to.equal(
      2 * 86400 + 20 * 3600 + 36 * 60 + 10,
    );
    for (let index = 1; index < RETRY_DELAYS_SECONDS.length; index++)
      expect(RETRY_DELAYS_SECONDS[index]).to.be.at.least(RETRY_DELAYS_SECONDS[index - 1]!);
  });

  it('waits the nominal time at the middle of the jitter and at most 20% less or more at its ends', () => {
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const nominal = RETRY_DELAYS_SECONDS[attempt - 1]!;
      expect(waitOf(nextAttemptAt(attempt, at, null, () => 0.5))).to.equal(nominal);
      expect(waitOf(nextAttemptAt(attempt, at, null, () => 0))).to.be.closeTo(nominal * (1 - JITTER), 0.001);
      expect(waitOf(nextAttemptAt(attempt, at, null, () => 0.999999))).to.be.closeTo(nominal * (1 + JITTER), 0.1);
    }
  });

  it('ends after the last attempt', () => {
    expect(nextAttemptAt(MAX_ATTEMPTS, at, null)).to.equal(null);
    expect(nextAttemptAt(MAX_ATTEMPTS - 1, at, null)).to.not.equal(null);
  });

  it('waits for a longer Retry-After, up to a day, and never less than the schedule', () => {
    expect(waitOf(nextAttemptAt(1, at, 3600, () => 0.5))).to.equal(3600);
    expect(waitOf(nextAttemptAt(1, at, 1, () => 0.5))).to.equal(10);
    expect(waitOf(nextAttemptAt(1, at, 30 * 86400, () => 0.5))).to.equal(MAX_RETRY_AFTER_SECONDS);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('120', at)).to.equal(120);
    expect(retryAfterSeconds(' 7 ', at)).to.equal(7);
    expect(retryAfterSeconds('Fri, 04 Dec 2026 10:05:00 GMT', at)).to.equal(300);
    expect(retryAfterSeconds('Fri, 04 Dec 2026 09:00:00 GMT', at)).to.equal(0);
    expect(retryAfterSeconds('soon', at)).to.equal(null);
    expect(retryAfterSeconds(undefined, at)).to.equal(null);
  });

  describe('an attempt’s result', () => {
    const result = (fields: Partial<SendResult>): SendResult => ({
      statusCode: 200,
      latencyMs: 12,
      error: null,
      responseBody: '',
      retryAfter: undefined,
      ...fields,
    });

    it('succeeds on 2xx and keeps what the receiver answered', () => {
      const record = attemptRecord({ attempts: 0 }, result({ statusCode: 204, responseBody: 'ok' }), at);
      expect(record).to.deep.equal({
        at,
        statusCode: 204,
        latencyMs: 12,
        error: null,
        responseBody: 'ok',
        outcome: { status: 'succeeded' },
      });
    });

    it('honours Retry-After on 429 and 503 only', () => {
      const failed = (statusCode: number) =>
        attemptRecord({ attempts: 0 }, result({ statusCode, error: 'http_status', retryAfter: '600' }), at, () => 0.5);
      for (const statusCode of [429, 503])
        expect(failed(statusCode).outcome).to.deep.equal({
          status: 'pending',
          nextAttemptAt: new Date(at.getTime() + 600_000),
        });
      for (const statusCode of [500, 502, 404, 302])
        expect(failed(statusCode).outcome).to.deep.equal({
          status: 'pending',
          nextAttemptAt: new Date(at.getTime() + 10_000),
        });
    });

    it('fails the delivery when the last attempt fails', () => {
      const last = attemptRecord({ attempts: MAX_ATTEMPTS - 1 }, result({ statusCode: null, error: 'timeout' }), at);
      expect(last.outcome).to.deep.equal({ status: 'failed' });
      const before = attemptRecord({ attempts: MAX_ATTEMPTS - 2 }, result({ statusCode: null, error: 'timeout' }), at);
      expect(before.outcome.status).to.equal('pending');
    });
  });
});
