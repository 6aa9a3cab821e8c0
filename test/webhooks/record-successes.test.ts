// Successes written in one statement (src/data/webhook-deliveries-repository.ts,
// recordSuccesses): each row is recorded only under the claim it was sent with, so a delivery
// whose claim lapsed and went to another dispatcher is left to that one, on MySQL and SQLite.
import { expect } from 'chai';
import { recordSuccesses } from '../../src/data/webhook-deliveries-repository.js';
import { createGroupVia, db, testApp, uniqueName } from '../support/world.js';
import { cleanUpWebhooks, registerEndpoint, webhookOrganization } from './support.js';

describe('recording successes in one statement', () => {
  afterEach(() => cleanUpWebhooks());

  it('records each under its own claim, and reports the one whose claim another dispatcher holds as not recorded', async () => {
    const { request } = testApp();
    const world = await webhookOrganization();
    const { id: endpointId } = await registerEndpoint(request, world.admin, { url: 'https://a.partner.example/' });
    for (const name of ['First', 'Second', 'Third'])
      await createGroupVia(request, world.coach, { name: uniqueName(name), user_id: world.coachId });
    const rows = await db()('webhook_deliveries')
      .where({ endpoint_id: endpointId })
      .orderBy('id')
      .select<{ id: string }[]>('id');
    const [mine, lapsed, untouched] = rows.map((row) => row.id) as [string, string, string];
    const until = new Date(Date.now() + 60_000);
    await db()('webhook_deliveries')
      .whereIn('id', [mine, lapsed])
      .update({ claim_token: 'ours', claimed_until: until });
    // The second's claim lapsed and another dispatcher took it.
    await db()('webhook_deliveries').where({ id: lapsed }).update({ claim_token: 'theirs' });
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const success = (id: string) => ({
      id,
      claimToken: 'ours',
      firstAttemptAt: at,
      at,
      statusCode: 204,
      latencyMs: 12,
      responseBody: '',
    });

    const recorded = await recordSuccesses(db(), [success(mine), success(lapsed)]);
    expect([...recorded]).to.deep.equal([mine]);
    const after = await db()('webhook_deliveries')
      .whereIn('id', [mine, lapsed, untouched])
      .orderBy('id')
      .select<Record<string, unknown>[]>(
        'id',
        'status',
        'attempts',
        'claim_token',
        'last_status_code',
        'last_latency_ms',
      );
    expect(after).to.deep.equal(
      [
        { id: mine, status: 'succeeded', attempts: 1, claim_token: null, last_status_code: 204, last_latency_ms: 12 },
        {
          id: lapsed,
          status: 'pending',
          attempts: 0,
          claim_token: 'theirs',
          last_status_code: null,
          last_latency_ms: null,
        },
        {
          id: untouched,
          status: 'pending',
          attempts: 0,
          claim_token: null,
          last_status_code: null,
          last_latency_ms: null,
        },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await recordSuccesses(db(), [])).to.deep.equal(new Set());
  });
});
