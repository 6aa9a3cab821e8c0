// What the webhook stages of the benchmark (bench/webhooks.ts, bench/webhook-isolation.ts,
// bench/claim-cost.ts) set up around the service: organizations of their own with an admin,
// endpoints written straight into the database with their secrets sealed as the service seals
// them (src/lib/secret-box.ts), backlogs of due deliveries inserted in bulk, and the
// misbehaving receivers (a TCP black hole, an HTTPS front with a self-signed certificate for a
// name the benchmark's own DNS server answers).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import type mysql from 'mysql2/promise';
import type { SecretsKey } from '../../src/config.js';
import { createSecretBox, type SecretBox } from '../../src/lib/secret-box.js';
import type { LatencySummary } from './results.js';

/** WEBHOOK_SECRETS_KEY for one benchmark run, and the box that seals with it. */
export interface BenchSecrets {
  /** The environment variable's value: `bench:<base64 of 32 bytes>`. */
  env: string;
  keys: SecretsKey[];
  box: SecretBox;
}

export function benchSecrets(): BenchSecrets {
  const key = randomBytes(32);
  const keys = [{ id: 'bench', key }];
  return { env: `bench:${key.toString('base64')}`, keys, box: createSecretBox(keys) };
}

/** The key of a WEBHOOK_SECRETS_KEY value (its first), to seal what the service will open. */
export function secretsFromEnv(env: string): BenchSecrets {
  const [id, base64] = env.split(',')[0]!.split(':') as [string, string];
  const keys = [{ id, key: Buffer.from(base64, 'base64') }];
  return { env, keys, box: createSecretBox(keys) };
}

export const percentile = (values: number[], fraction: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(fraction * values.length))] ?? 0;

export const summarize = (values: number[]): LatencySummary => ({
  p50: percentile(values, 0.5),
  p95: percentile(values, 0.95),
  max: values.length > 0 ? Math.max(...values) : 0,
  samples: values.length,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BenchOrganization {
  id: string;
  /** Its one user, an admin: manages its endpoints and creates its groups. */
  admin: string;
}

export const benchOrganization = (name: string): BenchOrganization => ({
  id: `org_wh_${name}`,
  admin: `usr_wh_${name}_admin`,
});

/** The organization and its admin, unless they are there already. */
export async function ensureOrganization(pool: mysql.Pool, org: BenchOrganization): Promise<void> {
  const at = new Date('2024-01-01T00:00:00Z');
  await pool.query('INSERT IGNORE INTO organizations (id, name, created_at) VALUES (?, ?, ?)', [
    org.id,
    `Webhook bench ${org.id}`,
    at,
  ]);
  await pool.query(
    "INSERT IGNORE INTO users (id, org_id, name, role, status, timezone, created_at) VALUES (?, ?, 'Bench admin', 'admin', 'active', NULL, ?)",
    [org.admin, org.id, at],
  );
}

/**
 * Everything the benchmark's changes left in an organization: deliveries, endpoints, events,
 * groups and their rows. The organization and its admin stay.
 */
export async function purgeOrganization(pool: mysql.Pool, orgId: string): Promise<void> {
  const [tables] = await pool.query<mysql.RowDataPacket[]>(
    "SELECT table_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name = 'org_id'",
  );
  const present = new Set(tables.map((row) => String(row.name)));
  // Children first; tables this list does not know (added later) come after, before groups.
  const order = ['webhook_deliveries', 'webhook_endpoints', 'change_events', 'audit_events', 'group_members'];
  const last = ['groups'];
  const rest = [...present].filter(
    (name) => !order.includes(name) && !last.includes(name) && name !== 'users' && name !== 'activities',
  );
  for (const table of [...order, ...rest, ...last])
    if (present.has(table)) await pool.query(`DELETE FROM \`${table}\` WHERE org_id = ?`, [orgId]);
}

export interface BenchEndpoint {
  id: string;
  orgId: string;
  url: string;
}

/** Inserts enabled endpoints subscribed to every event type, each with a new secret sealed for its row. */
export async function insertEndpoints(pool: mysql.Pool, box: SecretBox, endpoints: BenchEndpoint[]): Promise<void> {
  if (endpoints.length === 0) return;
  const now = new Date();
  const rows = endpoints.map((endpoint) => [
    endpoint.id,
    endpoint.orgId,
    endpoint.url,
    'webhook bench',
    null,
    'enabled',
    box.seal(`whsec_${randomBytes(32).toString('base64')}`, endpoint.id),
    now,
    now,
  ]);
  await pool.query(
    'INSERT INTO webhook_endpoints (id, org_id, url, description, event_types, status, secret, created_at, updated_at) VALUES ?',
    [rows],
  );
}

const CHUNK = 5000;

/**
 * Queues `count` deliveries due at `dueAt`, spread over the endpoints in turn, of `events`
 * group.created events of the organization written with them. The events get their feed
 * positions here, as the sequencer would give them, so that no sequencer pass over a thousand
 * events lands in a measurement.
 */
export async function queueBacklog(
  pool: mysql.Pool,
  backlog: { orgId: string; endpointIds: string[]; count: number; dueAt?: Date; events?: number; tag?: string },
): Promise<void> {
  const dueAt = backlog.dueAt ?? new Date();
  const tag = backlog.tag ?? randomBytes(4).toString('hex');
  const eventCount = Math.max(1, Math.min(backlog.events ?? 100, backlog.count));
  const eventIds = Array.from({ length: eventCount }, (_, index) => `evt_wh_${tag}_${index}`);
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [[sequencer]] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT last_position FROM change_feed_sequencer WHERE id = 1 FOR UPDATE',
    );
    const last = Number(sequencer!.last_position);
    const events = eventIds.map((id, index) => [
      id,
      backlog.orgId,
      `grp_wh_${tag}_${index}`,
      1,
      'group.created',
      JSON.stringify({
        name: `Webhook bench ${index}`,
        description: null,
        privacy: 'public',
        owner_id: 'usr_wh_bench',
        members: [],
        actor_id: 'usr_wh_bench',
        audit_event_ids: [],
      }),
      dueAt,
      last + index + 1,
    ]);
    await connection.query(
      'INSERT INTO change_events (id, org_id, subject_id, subject_sequence, type, data, created_at, feed_position) VALUES ?',
      [events],
    );
    await connection.query('UPDATE change_feed_sequencer SET last_position = ? WHERE id = 1', [last + eventCount]);
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
  for (let start = 0; start < backlog.count; start += CHUNK) {
    const rows = [];
    for (let index = start; index < Math.min(backlog.count, start + CHUNK); index++)
      rows.push([
        `whd_wh_${tag}_${index}`,
        backlog.orgId,
        backlog.endpointIds[index % backlog.endpointIds.length]!,
        eventIds[index % eventCount]!,
        false,
        'pending',
        0,
        dueAt,
        dueAt,
      ]);
    await pool.query(
      'INSERT INTO webhook_deliveries (id, org_id, endpoint_id, event_id, redelivery, status, attempts, next_attempt_at, created_at) VALUES ?',
      [rows],
    );
  }
}

export interface BlackHole {
  port: number;
  url: string;
  /** Connections open now. */
  open(): number;
  /** The most connections it held at once. */
  most: number;
  accepted: number;
  close(): Promise<void>;
}

/** A TCP server that accepts every connection, reads what comes and never answers. */
export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  const hole: BlackHole = {
    port: 0,
    url: '',
    open: () => sockets.size,
    most: 0,
    accepted: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    hole.accepted++;
    hole.most = Math.max(hole.most, sockets.size);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hole.port = (server.address() as { port: number }).port;
  hole.url = `http://127.0.0.1:${hole.port}`;
  return hole;
}

/** A self-signed certificate (its own CA) for `name`, in files: the service trusts it by NODE_EXTRA_CA_CERTS. */
export function selfSignedCertificate(name: string): {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
} {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=DNS:${name}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { dir, certFile, keyFile, cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

/** TLS on `port` in front of a plain TCP server on 127.0.0.1:`targetPort` (the HTTP receiver). */
export async function startTlsFront(
  targetPort: number,
  tls: { cert: Buffer; key: Buffer },
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTlsServer({ cert: tls.cert, key: tls.key }, (secure) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(secure);
    sockets.add(upstream);
    const drop = () => {
      secure.destroy();
      upstream.destroy();
    };
    secure.on('error', drop).on('close', () => (sockets.delete(secure), drop()));
    upstream.on('error', drop).on('close', () => (sockets.delete(upstream), drop()));
    secure.pipe(upstream).pipe(secure);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
