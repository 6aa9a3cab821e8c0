// One webhook request: POST the signed body, follow no redirect, give up after the timeout
// (resolving and connecting included), keep the first 1,024 characters of the answer. The
// address a new connection goes to is the one that was checked: the host name is resolved
// here, every address it resolves to must be public (src/domain/webhook-targets.ts), and only
// then is the connection opened, so a name that turns internal between the endpoint's
// registration and a delivery reaches nothing internal. Connections are kept alive between
// requests to an origin (a new TCP and TLS handshake per attempt capped throughput); a
// kept-alive connection was checked when it was opened.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AttemptError } from '../data/webhook-deliveries-repository.js';
import { isAllowedAddress, refusalOfUrl, type TargetPolicy } from '../domain/webhook-targets.js';
import { createHostResolver, HostResolutionError, type HostResolver } from './host-resolver.js';

export const RESPONSE_BODY_KEPT = 1024;
/** More of an answer is not read: a receiver's body is evidence, not data. */
const RESPONSE_BYTES_READ = 64 * 1024;
/** Below the 5 s that common servers keep an idle connection, so that the client lets go first. */
const IDLE_SOCKET_MS = 4000;

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  error: AttemptError | null;
  responseBody: string | null;
  retryAfter: string | undefined;
}

export interface WebhookTransport {
  send(request: SendRequest, options: { timeoutMs: number; signal?: AbortSignal }): Promise<SendResult>;
  /** Closes idle kept-alive connections; sends already under way end on their own. */
  close(): void;
}

export interface TransportOptions {
  targets: TargetPolicy;
  /** Resolves host names for new connections (src/webhooks/host-resolver.ts); tests point names at addresses. */
  resolve: HostResolver;
  /**
   * Connections open at once to one origin; more requests wait for one, their timeout running.
   * Unbounded when absent: the dispatcher's claims bound what goes to each endpoint, and a bound
   * per origin would make organizations whose endpoints share a host wait for each other.
   */
  maxSocketsPerOrigin?: number;
}

export interface SendOptions {
  timeoutMs: number;
  targets: TargetPolicy;
  signal?: AbortSignal;
  /** The resolver behind the address check; a c-ares resolver of the system's name servers when absent. */
  resolve?: HostResolver;
}

class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused to connect to the non-public address ${address}`);
    this.name = 'BlockedAddressError';
  }
}

/** Whatever stopped a name from resolving, told apart from a failure to connect. */
class DnsFailure extends Error {
  readonly code: string | undefined;
  constructor(cause: unknown) {
    const code = (cause as { code?: unknown } | null | undefined)?.code;
    super(`resolving failed: ${typeof code === 'string' ? code : String(cause)}`, { cause });
    this.name = 'DnsFailure';
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/** A `lookup` for net.connect that refuses a name with any non-public address. */
function guardedLookup(targets: TargetPolicy, resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        const blocked = resolved.find((entry) => !isAllowedAddress(entry.address, targets));
        if (blocked) return callback(new BlockedAddressError(blocked.address), []);
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const addresses = family ? resolved.filter((entry) => entry.family === family) : resolved;
        if (addresses.length === 0) return callback(new DnsFailure(new HostResolutionError('ENODATA', hostname)), []);
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: unknown) => callback(new DnsFailure(error), []),
    );
  };
}

function classify(error: unknown): AttemptError {
  if (error instanceof BlockedAddressError) return 'blocked_address';
  if (error instanceof DnsFailure) return 'dns_failed';
  return 'connection_failed';
}

/**
 * A request that failed this way on a kept-alive connection, before any answer, most likely met
 * a connection the server had closed meanwhile: it reached nobody, and may go again.
 */
const isStaleConnection = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
};

/** An agent that keeps connections alive until close(), then destroys each as its request ends. */
function keepAliveAgent<A extends http.Agent>(agent: A, isClosed: () => boolean): A {
  // Node's returns whether it kept the socket (its type says void); false destroys the socket.
  const keepSocketAlive = agent.keepSocketAlive.bind(agent) as (socket: Duplex) => boolean;
  agent.keepSocketAlive = (socket) => !isClosed() && keepSocketAlive(socket);
  return agent;
}

function destroyIdleSockets(agent: http.Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}

export function createWebhookTransport(options: TransportOptions): WebhookTransport {
  const lookup = guardedLookup(options.targets, options.resolve);
  let closed = false;
  const agentOptions = {
    keepAlive: true,
    // Node destroys a kept-alive socket idle this long (sooner when the server says so).
    timeout: IDLE_SOCKET_MS,
    maxSockets: options.maxSocketsPerOrigin ?? Infinity,
    scheduling: 'lifo' as const,
    lookup,
  };
  const agents = {
    'http:': keepAliveAgent(new http.Agent(agentOptions), () => closed),
    'https:': keepAliveAgent(new https.Agent(agentOptions), () => closed),
  };

  async function send(request: SendRequest, sendOptions: { timeoutMs: number; signal?: AbortSignal }) {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const failed = (error: AttemptError): SendResult => ({
      statusCode: null,
      latencyMs: elapsed(),
      error,
      responseBody: null,
      retryAfter: undefined,
    });
    // The URL was checked when registered; a literal address is checked again here, since
    // net.connect resolves nothing for one.
    if (refusalOfUrl(request.url, options.targets)) return failed('blocked_address');
    if (sendOptions.signal?.aborted) return failed('timeout');
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const requestOptions: http.RequestOptions = {
      method: 'POST',
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(request.body),
        'user-agent': 'groups-api-webhooks/1',
      },
    };

    return new Promise<SendResult>((resolve) => {
      let settled = false;
      let current: http.ClientRequest;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        sendOptions.signal?.removeEventListener('abort', giveUp);
        resolve(result);
      };
      // Settles first, then destroys the request and so its connection: a connection that
      // may still carry a late answer never goes back to the pool.
      const giveUp = () => {
        finish(failed('timeout'));
        current.destroy();
      };

      const open = (fresh: boolean) => {
        // The retry's connection is a new one outside the pool, never another kept-alive one
        // that may be as stale; its lookup is checked the same way.
        const req = fresh
          ? (isHttps ? https : http).request(url, { ...requestOptions, agent: false, lookup })
          : (isHttps ? https : http).request(url, { ...requestOptions, agent: agents[isHttps ? 'https:' : 'http:'] });
        current = req;
        let answered = false;
        req.on('error', (error) => {
          if (settled) return;
          if (!fresh && !answered && req.reusedSocket && isStaleConnection(error)) return open(true);
          finish(failed(classify(error)));
        });
        req.on('response', (res) => {
          answered = true;
          // Node's parser takes any three digits: a status outside HTTP's is no answer.
          const statusCode =
            res.statusCode !== undefined && res.statusCode >= 100 && res.statusCode <= 599 ? res.statusCode : null;
          if (statusCode === null) {
            finish(failed('connection_failed'));
            return res.destroy();
          }
          const chunks: Buffer[] = [];
          let read = 0;
          const done = () =>
            finish({
              statusCode,
              latencyMs: elapsed(),
              error: statusCode >= 200 && statusCode < 300 ? null : 'http_status',
              responseBody: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_BODY_KEPT),
              retryAfter: res.headers['retry-after'],
            });
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            chunks.push(chunk);
            if (read <= RESPONSE_BYTES_READ) return;
            // Past the cap the rest is not read: the connection goes, with what it still carries.
            done();
            res.destroy();
          });
          // Read to its end, the answer leaves the connection ready for the next request.
          res.on('end', done);
          res.on('error', (error) => finish(failed(classify(error))));
        });
        req.end(request.body);
      };

      const timer = setTimeout(giveUp, sendOptions.timeoutMs);
      sendOptions.signal?.addEventListener('abort', giveUp);
      open(false);
    });
  }

  return {
    send,
    close() {
      closed = true;
      for (const agent of Object.values(agents)) destroyIdleSockets(agent);
    },
  };
}

let systemResolver: HostResolver | undefined;

/** One request on a transport of its own, closed after it (src/webhooks/dispatcher.ts keeps one instead). */
export async function sendWebhook(request: SendRequest, options: SendOptions): Promise<SendResult> {
  systemResolver ??= createHostResolver({ servers: [], timeoutMs: 2000 });
  const transport = createWebhookTransport({ targets: options.targets, resolve: options.resolve ?? systemResolver });
  try {
    return await transport.send(request, options);
  } finally {
    transport.close();
  }
}
