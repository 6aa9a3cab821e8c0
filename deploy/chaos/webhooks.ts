// Partner events under the same faults: a receiver registered as the chaos organization's
// endpoint, a noisy neighbour beside it, two dispatcher processes; afterwards, whether every
// event reached the receiver and how the neighbour was held back.
import knexFactory from 'knex';
import { waitUntil } from '../../test/support/processes.js';
import { startReceiver, type Receiver } from '../../test/support/webhook-receiver.js';
import { settings as configSettings } from '../../src/config.js';
import { insertEndpoint } from '../../src/data/webhook-endpoints-repository.js';
import { newEndpoint, newSigningSecret } from '../../src/domain/webhook-endpoints.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import type { Topology } from '../cluster.js';
import { verifyEvents } from './event-verdict.js';
import { endpointId, orgId } from './fixture.js';
import { startDeadEndpoint, type DeadEndpoint } from './noisy-neighbour.js';

export interface Webhooks {
  receiver: Receiver;
  secret: string;
  /** Another organization's endpoint that never answers, with 1,000 deliveries queued. */
  neighbour: DeadEndpoint;
}

/**
 * A receiver on this machine, registered as the organization's endpoint in the database (the
 * production API refuses a loopback URL, rightly), and two dispatcher processes.
 */
export async function startWebhooks(topology: Topology): Promise<Webhooks> {
  const receiver = await startReceiver([{ status: 204 }]);
  const secret = newSigningSecret();
  const db = knexFactory({ client: 'mysql2', connection: topology.connection(topology.ports.db) });
  try {
    // Sealed as the API would, under the key the dispatchers open it with.
    const secrets = createSecretBox(configSettings.webhookSecretsKeys.parse(topology.webhookSecretsKey)!);
    await insertEndpoint(
      db,
      newEndpoint({ id: endpointId, orgId, url: `${receiver.url}/chaos`, secret }, new Date(), secrets),
    );
    const neighbour = await startDeadEndpoint(db, secrets);
    for (const dispatcher of topology.dispatchers) dispatcher.start();
    return { receiver, secret, neighbour };
  } finally {
    await db.destroy();
  }
}

export async function stopWebhooks(webhooks: Webhooks): Promise<void> {
  await webhooks.receiver.close();
  await webhooks.neighbour.close();
}

/** Waits until the receiver got every event of the organization (claims of the killed dispatcher lapse first). */
export async function eventVerdict(topology: Topology, webhooks: Webhooks, loadEndedAt: number) {
  const db = knexFactory({ client: 'mysql2', connection: topology.connection(topology.ports.dbRead) });
  try {
    const ids = async () => (await db('change_events').where({ org_id: orgId }).pluck('id')) as string[];
    const got = () => new Set(webhooks.receiver.received.map((receipt) => String(receipt.headers['webhook-id'])));
    let allDeliveredAfterMs: number | undefined;
    try {
      await waitUntil(
        'every event delivered',
        120_000,
        async () => {
          const missing = (await ids()).filter((id) => !got().has(id));
          return missing.length === 0 ? true : undefined;
        },
        500,
      );
      allDeliveredAfterMs = Date.now() - loadEndedAt;
    } catch {
      // Counted as undelivered below.
    }
    const verdict = await verifyEvents(db, orgId, endpointId, webhooks.secret, webhooks.receiver.received);
    const neighbour = { ...(await webhooks.neighbour.state(db)), mostOpen: webhooks.neighbour.mostOpen() };
    return { ...verdict, allDeliveredAfterMs, receipts: webhooks.receiver.received.length, neighbour };
  } finally {
    await db.destroy();
  }
}

export type EventsVerdict = Awaited<ReturnType<typeof eventVerdict>>;
