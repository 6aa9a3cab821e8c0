// An endpoint as admins read it (src/http/handlers/resources.ts): paused_until shows only a
// pause still running at the time of the read, and the secrets never show.
import { expect } from 'chai';
import type { WebhookEndpointRecord } from '../../../src/data/webhook-endpoints-repository.js';
import { webhookEndpointResource } from '../../../src/http/handlers/resources.js';

const now = new Date('2026-12-08T12:00:00.000Z');
const endpoint = (pausedUntil: Date | null): WebhookEndpointRecord => ({
  id: 'whe_resource',
  orgId: 'org_resource',
  url: 'https://partner.example.com/hooks',
  description: null,
  eventTypes: null,
  status: 'enabled',
  disabledReason: null,
  secret: 'whsec_current',
  previousSecret: null,
  previousSecretExpiresAt: null,
  lastSuccessAt: null,
  lastFailureAt: new Date('2026-12-08T11:59:00.000Z'),
  failingSince: new Date('2026-12-08T11:58:00.000Z'),
  consecutiveFailures: 5,
  pausedUntil,
  pausedSince: pausedUntil && new Date('2026-12-08T11:59:30.000Z'),
  pauseNotified: false,
  createdAt: new Date('2026-12-01T00:00:00.000Z'),
  updatedAt: new Date('2026-12-08T11:59:30.000Z'),
});

describe('a webhook endpoint as admins read it', () => {
  it('shows paused_until while the pause runs, and null once it has ended or when never paused', () => {
    expect(webhookEndpointResource(endpoint(new Date(now.getTime() + 30_000)), now).paused_until).to.equal(
      '2026-12-08T12:00:30.000Z',
    );
    expect(webhookEndpointResource(endpoint(new Date(now.getTime() + 1)), now).paused_until).to.equal(
      '2026-12-08T12:00:00.001Z',
    );
    // A pause ending at the very time of the read is over: the next claim may probe it.
    expect(webhookEndpointResource(endpoint(now), now).paused_until).to.equal(null);
    expect(webhookEndpointResource(endpoint(new Date(now.getTime() - 1)), now).paused_until).to.equal(null);
    expect(webhookEndpointResource(endpoint(null), now).paused_until).to.equal(null);
  });

  it('carries the breaker state and never a secret', () => {
    const resource = webhookEndpointResource(endpoint(null), now);
    expect(resource).to.include({
      id: 'whe_resource',
      consecutive_failures: 5,
      failing_since: '2026-12-08T11:58:00.000Z',
      last_failure_at: '2026-12-08T11:59:00.000Z',
      previous_secret_expires_at: null,
    });
    expect(JSON.stringify(resource)).to.not.include('whsec_');
  });
});
