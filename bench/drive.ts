// Drives one target (service or floor) with autocannon in its own process, so that the load
// generator's CPU is not the measured server's: a warm-up, then the measured run, with the
// same settings for every target. Prints one JSON line with the measured run's numbers.
// Usage: tsx bench/drive.ts '<DriveOptions as JSON>'
import autocannon from 'autocannon';

export interface DriveOptions {
  url: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  token: string;
  kind: 'read' | 'replace-members' | 'create-delete';
  /** Requests per second of each connection; absent: as fast as answers come (closed loop). */
  connectionRate?: number;
  path?: string;
  /** replace-members: the groups to cycle through and the two member lists. */
  groups?: string[];
  lists?: [string[], string[]];
  /** create-delete: the new group's owner and a tag that keeps names unique. */
  ownerId?: string;
  tag?: string;
}

export interface DriveResult {
  requestsPerSecond: number;
  seconds: number;
  /** CPU milliseconds per request of the target's process and of the database server (bench/lib/slices.ts fills them in). */
  cpuMsPerRequest?: number;
  dbCpuMsPerRequest?: number;
  requests: number;
  latencyP50: number;
  /** From every response's time (autocannon's summary has no p95). */
  latencyP95?: number;
  latencyP99: number;
  latencyMean: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

const options = JSON.parse(process.argv[2]!) as DriveOptions;

/**
 * The requests of one connection. Each connection is its own autocannon instance: autocannon
 * shares one request object between its connections and sends the last one built as every
 * connection's first request, so dynamic requests of several connections would collide.
 */
function requests(connection: number): autocannon.Request[] {
  if (options.kind === 'read') return [{ method: 'GET', path: options.path! }];
  let counter = 0;
  if (options.kind === 'replace-members') {
    // This connection owns every group g with g mod connections = connection, so a group's
    // requests never overlap and each is the same 10-change replacement, A→B then B→A.
    const owned = options.groups!.filter((_, index) => index % options.connections === connection);
    return [
      {
        method: 'PUT',
        setupRequest: (request) => {
          const k = counter++;
          request.path = `/api/v1/groups/${owned[k % owned.length]}`;
          request.body = JSON.stringify({ members: options.lists![Math.floor(k / owned.length) % 2 === 0 ? 1 : 0] });
          return request;
        },
      },
    ];
  }
  return [
    {
      method: 'POST',
      path: '/api/v1/groups',
      setupRequest: (request) => {
        request.body = JSON.stringify({
          name: `S6 ${options.tag} ${connection} ${counter++}`,
          user_id: options.ownerId,
          privacy: 'public',
        });
        return request;
      },
      onResponse: (status, body, context) => {
        (context as { groupId?: string }).groupId =
          status === 200 ? (JSON.parse(body) as { group_id: string }).group_id : 'grp_missing';
      },
    },
    {
      method: 'DELETE',
      setupRequest: (request, context) => {
        request.path = `/api/v1/groups/${(context as { groupId?: string }).groupId}`;
        return request;
      },
    },
  ];
}

/** One run of every connection, with every response's time in ms (for the p95). */
async function run(seconds: number): Promise<{ result: autocannon.Result; responseTimes: number[] }> {
  const responseTimes: number[] = [];
  const instances = Array.from({ length: options.connections }, (_, connection) => {
    // Without a callback autocannon returns its run's emitter, made thenable (lib/init.js).
    const instance = autocannon({
      url: options.url,
      connections: 1,
      duration: seconds,
      ...(options.connectionRate ? { connectionRate: options.connectionRate } : {}),
      timeout: 60,
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      requests: requests(connection),
      skipAggregateResult: true,
    }) as unknown as autocannon.Instance;
    instance.on('response', (_client, _status, _bytes, responseTime) => responseTimes.push(responseTime));
    return instance as unknown as Promise<autocannon.Result>;
  });
  // aggregateResult merges the instances' histograms (missing from @types/autocannon).
  const { aggregateResult } = autocannon as unknown as {
    aggregateResult: (results: autocannon.Result[], opts: autocannon.Options) => autocannon.Result;
  };
  const result = aggregateResult(await Promise.all(instances), { url: options.url, connections: options.connections });
  return { result, responseTimes };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0) * 10) / 10;
}

if (options.warmupSeconds > 0) await run(options.warmupSeconds);
const { result, responseTimes } = await run(options.durationSeconds);
const output: DriveResult = {
  requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
  seconds: result.duration,
  requests: result.requests.total,
  latencyP50: result.latency.p50,
  latencyP95: percentile(responseTimes, 0.95),
  latencyP99: result.latency.p99,
  latencyMean: Math.round(result.latency.mean * 100) / 100,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
