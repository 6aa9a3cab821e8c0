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
  /** CPU milliseconds per request of the target's process and of the database server (run.ts fills them in). */
  cpuMsPerRequest?: number;
  dbCpuMsPerRequest?: number;
  requests: number;
  latencyP50: number;
  latencyP99: number;
  latencyMean: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

const options = JSON.parse(process.argv[2]!) as DriveOptions;
let counter = 0;

function requests(): autocannon.Request[] {
  if (options.kind === 'read') return [{ method: 'GET', path: options.path! }];
  if (options.kind === 'replace-members') {
    const groups = options.groups!;
    // Request k goes to group k mod n, alternating the lists: with more groups than
    // connections a group's previous request has always finished, so every request is the
    // same 10-change replacement.
    return [
      {
        method: 'PUT',
        setupRequest: (request) => {
          const k = counter++;
          request.path = `/api/v1/groups/${groups[k % groups.length]}`;
          request.body = JSON.stringify({ members: options.lists![Math.floor(k / groups.length) % 2 === 0 ? 1 : 0] });
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
          name: `S6 ${options.tag} ${counter++}`,
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

function run(seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
    requests: requests(),
  });
}

if (options.warmupSeconds > 0) await run(options.warmupSeconds);
const result = await run(options.durationSeconds);
const output: DriveResult = {
  requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
  seconds: result.duration,
  requests: result.requests.total,
  latencyP50: result.latency.p50,
  latencyP99: result.latency.p99,
  latencyMean: Math.round(result.latency.mean * 100) / 100,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
