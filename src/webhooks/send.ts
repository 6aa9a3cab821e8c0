// One webhook request: POST the signed body, follow no redirect, give up after the timeout
// (connecting included), keep the first 1,024 characters of the answer. The address the
// request connects to is the one that was checked: the host name is resolved here, every
// address it resolves to must be public (src/domain/webhook-targets.ts), and only then is the
// connection opened, so a name that turns internal between the endpoint's registration and a
// delivery reaches nothing internal.
import { lookup as systemLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { AttemptError } from '../data/webhook-deliveries-repository.js';
import { isAllowedAddress, refusalOfUrl, type TargetPolicy } from '../domain/webhook-targets.js';

export const RESPONSE_BODY_KEPT = 1024;
/** More of an answer is not read: a receiver's body is evidence, not data. */
const RESPONSE_BYTES_READ = 64 * 1024;

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

export interface SendOptions {
  timeoutMs: number;
  targets: TargetPolicy;
  signal?: AbortSignal;
  /** The resolver behind the address check; tests point a name at an address. */
  lookup?: typeof systemLookup;
}

class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused to connect to the non-public address ${address}`);
    this.name = 'BlockedAddressError';
  }
}

class AttemptTimeout extends Error {}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect that refuses a name with any non-public address. */
function guardedLookup(targets: TargetPolicy, resolve: typeof systemLookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const blocked = addresses.find((entry) => !isAllowedAddress(entry.address, targets));
      if (blocked) return callback(new BlockedAddressError(blocked.address), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function classify(error: unknown): AttemptError {
  if (error instanceof AttemptTimeout) return 'timeout';
  if (error instanceof BlockedAddressError) return 'blocked_address';
  const code = (error as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return 'dns_failed';
  return 'connection_failed';
}

export async function sendWebhook(request: SendRequest, options: SendOptions): Promise<SendResult> {
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
  if (options.signal?.aborted) return failed('timeout');
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      resolve(result);
    };
    const req = transport.request(url, {
      method: 'POST',
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(request.body),
        'user-agent': 'groups-api-webhooks/1',
      },
      agent: false,
      lookup: guardedLookup(options.targets, options.lookup ?? systemLookup),
    });
    const timer = setTimeout(() => req.destroy(new AttemptTimeout()), options.timeoutMs);
    const abort = () => req.destroy(new AttemptTimeout());
    options.signal?.addEventListener('abort', abort);
    req.on('error', (error) => finish(failed(classify(error))));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let read = 0;
      const done = () => {
        // Node's parser takes any three digits: a status outside HTTP's is no answer.
        const statusCode =
          res.statusCode !== undefined && res.statusCode >= 100 && res.statusCode <= 599 ? res.statusCode : null;
        if (statusCode === null) {
          res.destroy();
          return finish(failed('connection_failed'));
        }
        const ok = statusCode >= 200 && statusCode < 300;
        finish({
          statusCode,
          latencyMs: elapsed(),
          error: ok ? null : 'http_status',
          responseBody: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_BODY_KEPT),
          retryAfter: res.headers['retry-after'],
        });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (read < RESPONSE_BYTES_READ) chunks.push(chunk);
        read += chunk.length;
        if (read >= RESPONSE_BYTES_READ) done();
      });
      res.on('end', done);
      res.on('error', (error) => finish(failed(classify(error))));
    });
    req.end(request.body);
  });
}
