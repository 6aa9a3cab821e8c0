// The cluster test's noisy neighbour: a second organization whose endpoint accepts
// connections and never answers, with 1,000 deliveries queued for it before the load. The
// chaos organization's events must still reach their receiver as if it were not there: the
// dead endpoint holds at most its cap of attempts (WEBHOOK_ENDPOINT_CONCURRENCY, 4) and is
// paused by its circuit breaker.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { insertEndpoint } from '../../src/data/webhook-endpoints-repository.js';
import type { SecretBox } from '../../src/lib/secret-box.js';
import { newEndpoint } from '../../src/domain/webhook-endpoints.js';

export const neighbourOrgId = 'org_noisy';
const deadEndpointId = 'whe_noisy_dead';
const queued = 1000;

export interface DeadEndpoint {
  /** The most connections the endpoint held at once. */
  mostOpen(): number;
  /** Its state in the database: how the breaker saw it. */
  state(db: Knex): Promise<{ consecutive_failures: number; paused_until: Date | null; attempts: number }>;
  close(): Promise<void>;
}

/** A TCP server that accepts and never answers, registered with 1,000 due deliveries. */
export async function startDeadEndpoint(db: Knex, secrets: SecretBox): Promise<DeadEndpoint> {
  const open = new Set<Socket>();
  let mostOpen = 0;
  const server: Server = createServer((socket) => {
    open.add(socket);
    mostOpen = Math.max(mostOpen, open.size);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    // Reads (and drops) what comes, so that it sees a connection a dispatcher closes.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dead`;
  const now = new Date();
  await insertEndpoint(db, newEndpoint({ id: deadEndpointId, orgId: neighbourOrgId, url }, now, secrets));
  const events = Array.from({ length: queued }, (_, index) => ({
    id: `evt_noisy_${index}`,
    org_id: neighbourOrgId,
    subject_id: 'grp_noisy',
    subject_sequence: index + 1,
    type: 'group.updated',
    data: JSON.stringify({
      changes: { description: { before: null, after: String(index) } },
      actor_id: 'usr_noisy',
      audit_event_ids: ['aud_noisy'],
    }),
    created_at: now,
  }));
  for (let start = 0; start < queued; start += 250) {
    const batch = events.slice(start, start + 250);
    await db('change_events').insert(batch);
    await db('webhook_deliveries').insert(
      batch.map((event, index) => ({
        id: `whd_noisy_${start + index}`,
        org_id: neighbourOrgId,
        endpoint_id: deadEndpointId,
        event_id: event.id,
        redelivery: false,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })),
    );
  }
  return {
    mostOpen: () => mostOpen,
    async state(database) {
      const endpoint = await database('webhook_endpoints')
        .where({ id: deadEndpointId })
        .first<{ consecutive_failures: number; paused_until: Date | null }>('consecutive_failures', 'paused_until');
      const row = (await database('webhook_deliveries')
        .where({ endpoint_id: deadEndpointId })
        .sum({ attempts: 'attempts' })
        .first()) as { attempts: number | string | null };
      return { ...endpoint, attempts: Number(row.attempts ?? 0) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
