// The reference deployment on one machine: a three-node MariaDB Galera cluster, a health
// check beside each node, HAProxy in front of the nodes and of three API processes. Every
// process, data directory and log lives in one temporary folder; nothing touches the
// server on 3306. `cluster-test.ts` drives it; `npm run cluster:up` keeps it running for a
// person to look at.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { ChildService, GaveUp, waitUntil } from '../test/support/processes.js';

export const deployDir = dirname(fileURLToPath(import.meta.url));
export const projectDir = resolve(deployDir, '..');

const galeraProvider = process.env.GALERA_PROVIDER ?? '/usr/lib/galera/libgalera_smm.so';
const mariadbd = process.env.MARIADBD ?? '/usr/sbin/mariadbd';
const installDb = process.env.MARIADB_INSTALL_DB ?? '/usr/bin/mariadb-install-db';
const haproxy = process.env.HAPROXY ?? '/usr/sbin/haproxy';
// As root, the nodes run as the mysql user that Debian's mariadb-server creates, as a packaged
// server does: the rsync SST daemon would otherwise write the copy as nobody and fail.
const databaseOsUser = process.getuid?.() === 0 ? (process.env.CLUSTER_DB_OS_USER ?? 'mysql') : undefined;

/** Commands of the service, overridable so that the compiled build can be used instead of tsx. */
export const serviceCommands = {
  migrate: process.env.CLUSTER_MIGRATE ?? 'node --import tsx src/cli/migrate.ts',
  load: process.env.CLUSTER_LOAD ?? 'node --import tsx src/cli/load.ts',
  start: process.env.CLUSTER_API_START ?? 'node --import tsx src/cli/serve.ts',
  dispatch: process.env.CLUSTER_DISPATCH ?? 'node --import tsx src/cli/dispatch.ts',
};

const appUser = { name: 'groups', password: 'groups-cluster-test' };
const monitorUser = { name: 'monitor', password: 'monitor-cluster-test' };
export const databaseName = 'groups';
const jwtSecret = 'cluster-test-jwt-secret-0123456789abcdef';
const pageTokenSecret = 'cluster-test-page-token-secret-0123456789';
const webhookSecretsKey = `cluster:${Buffer.alloc(32, 'c').toString('base64')}`;

/** What is missing on this machine, as Debian packages to install. */
export function missingPackages(): string[] {
  const missing: string[] = [];
  if (!existsSync(mariadbd) || !existsSync(installDb)) missing.push('mariadb-server');
  if (!existsSync(galeraProvider)) missing.push('galera-4');
  if (!existsSync(haproxy)) missing.push('haproxy');
  if (spawnSync('rsync', ['--version']).status !== 0) missing.push('rsync');
  return missing;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The lowest port the kernel hands out to outgoing connections (ports below it stay ours). */
function ephemeralPortsStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

/**
 * `count` consecutive free ports from a random base between 15000 and the ephemeral range:
 * a port in that range could be taken by any outgoing connection between the check and the
 * moment a node binds it (a restarted node's IST listener, say). Not drawn from CHAOS_SEED: the
 * ports are no part of the chaos, and a replay must not collide with the run it replays.
 */
async function freePorts(count: number): Promise<number[]> {
  const blocks = Math.floor((ephemeralPortsStart() - 15000 - count) / 100);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 15000 + Math.floor(Math.random() * blocks) * 100;
    const ports = Array.from({ length: count }, (_, index) => base + index);
    const free = await Promise.all(ports.map(portIsFree));
    if (free.every(Boolean)) return ports;
  }
  throw new Error('No block of free ports found');
}

function fillTemplate(file: string, values: Record<string, string | number>): string {
  return readFileSync(join(deployDir, file), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`${file}: no value for {{${key}}}`);
    return String(values[key]);
  });
}

/**
 * What every process of the topology gets from this one's environment: where programs are and
 * whose home it is, nothing else. A setting of the shell the test runs in (METRICS_PORT, say)
 * would otherwise reach all three API processes at once.
 */
const inherited = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
});

/** Starts `command` in its own process group (a node's SST helpers, tsx's child), output in `logFile`. */
function launch(command: string[], logFile: string, env: NodeJS.ProcessEnv = {}): ChildService {
  return ChildService.start({
    command,
    env: { ...inherited(), ...env },
    cleanEnvironment: true,
    cwd: projectDir,
    logFile,
    processGroup: true,
  });
}

export interface GaleraStatus {
  state: string;
  clusterSize: number;
  clusterStatus: string;
  ready: boolean;
}

export class GaleraNode {
  process: ChildService | undefined;
  health: ChildService | undefined;
  readonly dir: string;

  constructor(
    readonly name: string,
    readonly topology: Topology,
    readonly ports: { mysql: number; galera: number; ist: number; sst: number; health: number },
  ) {
    this.dir = join(topology.dir, name);
  }

  get socket(): string {
    return join(this.dir, 'mysqld.sock');
  }

  get errorLog(): string {
    return join(this.dir, 'error.log');
  }

  writeConfig(): void {
    mkdirSync(join(this.dir, 'data'), { recursive: true });
    const peers = this.topology.nodes.map((node) => `127.0.0.1:${node.ports.galera}`).join(',');
    const config = fillTemplate('galera/node.cnf', {
      name: this.name,
      dir: this.dir,
      datadir: join(this.dir, 'data'),
      socket: this.socket,
      mysqlPort: this.ports.mysql,
      galeraPort: this.ports.galera,
      istPort: this.ports.ist,
      sstPort: this.ports.sst,
      peers,
      // The writer (db1) is never the preferred donor: db3 donates to db1 and db2, db2 to db3.
      donor: this.name === 'db3' ? 'db2' : 'db3',
      provider: galeraProvider,
      user: databaseOsUser ?? process.env.USER ?? 'mysql',
    });
    writeFileSync(join(this.dir, 'node.cnf'), config);
    if (databaseOsUser) {
      const owned = spawnSync('chown', ['-R', `${databaseOsUser}:`, this.dir], { encoding: 'utf8' });
      if (owned.status !== 0) throw new Error(`chown ${this.dir} failed: ${owned.stderr}`);
    }
  }

  installSystemTables(): void {
    const result = spawnSync(
      installDb,
      [
        `--defaults-file=${join(this.dir, 'node.cnf')}`,
        '--auth-root-authentication-method=socket',
        '--skip-test-db',
        '--wsrep-on=OFF',
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`mariadb-install-db failed for ${this.name}:\n${result.stderr}`);
  }

  start(options: { bootstrap?: boolean } = {}): void {
    const args = [`--defaults-file=${join(this.dir, 'node.cnf')}`];
    if (options.bootstrap) args.push('--wsrep-new-cluster');
    // After a crash grastate.dat says seqno -1: without the position recovered from InnoDB
    // the node would ask for a full copy (SST) instead of the write sets it missed (IST).
    // This is what galera_recovery does in Debian's systemd unit.
    const position = options.bootstrap ? undefined : this.recoverPosition();
    if (position) args.push(`--wsrep_start_position=${position}`);
    this.process = launch([mariadbd, ...args], join(this.dir, 'stdout.log'));
  }

  /** `uuid:seqno` of the last transaction committed in InnoDB, when the data directory has one. */
  private recoverPosition(): string | undefined {
    if (!existsSync(join(this.dir, 'data', 'ibdata1'))) return undefined;
    const log = join(this.dir, 'recover.log');
    spawnSync(mariadbd, [`--defaults-file=${join(this.dir, 'node.cnf')}`, '--wsrep-recover', `--log-error=${log}`], {
      timeout: 60_000,
    });
    const found = /WSREP: Recovered position: ([0-9a-f-]{36}:-?\d+)/.exec(
      existsSync(log) ? readFileSync(log, 'utf8') : '',
    );
    return found?.[1];
  }

  /** A crash: SIGKILL to mariadbd alone, as when the host or the process dies. */
  kill(): void {
    this.process?.child.kill('SIGKILL');
  }

  startHealthCheck(): void {
    this.health = launch([process.execPath, join(deployDir, 'galera-health.mjs')], join(this.dir, 'health.log'), {
      GALERA_HEALTH_PORT: String(this.ports.health),
      GALERA_MYSQL_URL: `mysql://${monitorUser.name}:${monitorUser.password}@127.0.0.1:${this.ports.mysql}`,
    });
  }

  /** The node's replication state, read as root over its socket. */
  async status(): Promise<GaleraStatus> {
    const connection = await mysql.createConnection({ socketPath: this.socket, user: 'root', connectTimeout: 1000 });
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_size', 'wsrep_cluster_status', 'wsrep_ready')",
      );
      const value = Object.fromEntries(rows.map((row) => [row.Variable_name as string, row.Value as string]));
      return {
        state: value.wsrep_local_state_comment ?? '?',
        clusterSize: Number(value.wsrep_cluster_size ?? 0),
        clusterStatus: value.wsrep_cluster_status ?? '?',
        ready: value.wsrep_ready === 'ON',
      };
    } finally {
      await connection.end();
    }
  }

  async waitSynced(clusterSize: number, timeoutMs: number): Promise<GaleraStatus> {
    return waitUntil(
      `${this.name} to be Synced in a cluster of ${clusterSize}`,
      timeoutMs,
      async () => {
        if (this.process?.hasExited()) {
          throw new GaveUp(`${this.name} exited; see ${this.errorLog}`);
        }
        const status = await this.status();
        return status.state === 'Synced' && status.ready && status.clusterSize === clusterSize ? status : undefined;
      },
      250,
    );
  }

  /** How the node last caught up, read from its error log: a full copy (SST) or the missed write sets (IST). */
  lastStateTransfer(): 'IST' | 'SST' | 'none' {
    const log = existsSync(this.errorLog) ? readFileSync(this.errorLog, 'utf8') : '';
    const tail = log.slice(Math.max(0, log.lastIndexOf('Starting MariaDB')));
    if (/IST completed on joiner/.test(tail)) return 'IST';
    if (/SST completed on joiner/.test(tail)) return 'SST';
    return 'none';
  }
}

export class ApiProcess {
  process: ChildService | undefined;

  constructor(
    readonly name: string,
    readonly topology: Topology,
    readonly port: number,
  ) {}

  start(): void {
    this.process = launch(serviceCommands.start.split(/\s+/), join(this.topology.dir, `${this.name}.log`), {
      ...this.topology.serviceEnv(),
      PORT: String(this.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.CLUSTER_API_LOG_LEVEL ?? 'warn',
    });
  }

  /** A crash: SIGKILL to the process group, in-flight requests and all. */
  async kill(): Promise<void> {
    await this.process?.stop('SIGKILL');
  }

  async waitReady(timeoutMs: number): Promise<void> {
    if (!this.process) throw new Error(`${this.name} was not started`);
    await this.process.waitForReady(`http://127.0.0.1:${this.port}`, timeoutMs, 250).catch((error: Error) => {
      throw new Error(`${error.message}; see ${this.topology.dir}/${this.name}.log`, { cause: error });
    });
  }
}

/**
 * A webhook dispatcher on its own (`dispatch.js`), as a deployment that keeps delivery out of
 * its API processes runs it. The test's receiver listens on 127.0.0.1, which production refuses
 * as a target, so the dispatchers run with WEBHOOK_ALLOW_LOOPBACK in development mode; the API
 * processes stay in production mode with their own dispatchers off.
 */
export class DispatcherProcess {
  process: ChildService | undefined;

  constructor(
    readonly name: string,
    readonly topology: Topology,
  ) {}

  start(): void {
    this.process = launch(serviceCommands.dispatch.split(/\s+/), join(this.topology.dir, `${this.name}.log`), {
      ...this.topology.serviceEnv(),
      NODE_ENV: 'development',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      // Claims last the timeout plus 30 s: a short timeout lets the claims of a killed
      // dispatcher lapse within the test.
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_POLL_INTERVAL_MS: '200',
      LOG_LEVEL: process.env.CLUSTER_API_LOG_LEVEL ?? 'warn',
    });
  }

  async kill(): Promise<void> {
    await this.process?.stop('SIGKILL');
  }
}

export class Topology {
  readonly nodes: GaleraNode[] = [];
  readonly apis: ApiProcess[] = [];
  readonly dispatchers = [new DispatcherProcess('dispatch1', this), new DispatcherProcess('dispatch2', this)];
  haproxy: ChildService | undefined;
  readonly ports: { db: number; dbRead: number; api: number; stats: number };

  private constructor(
    readonly dir: string,
    ports: number[],
  ) {
    const next = () => ports.shift()!;
    for (const name of ['db1', 'db2', 'db3']) {
      this.nodes.push(
        new GaleraNode(name, this, { mysql: next(), galera: next(), ist: next(), sst: next(), health: next() }),
      );
    }
    for (const name of ['api1', 'api2', 'api3']) this.apis.push(new ApiProcess(name, this, next()));
    this.ports = { db: next(), dbRead: next(), api: next(), stats: next() };
  }

  static async create(): Promise<Topology> {
    const dir = mkdtempSync(join(process.env.CLUSTER_TMPDIR ?? tmpdir(), 'groups-cluster-'));
    // The nodes' user must reach its own folders inside.
    chmodSync(dir, 0o755);
    return new Topology(dir, await freePorts(3 * 5 + 3 + 4));
  }

  get databaseUrl(): string {
    return `mysql://${appUser.name}:${appUser.password}@127.0.0.1:${this.ports.db}/${databaseName}`;
  }

  /** The service's database account on `port`: HAProxy's writer or reader port, or a node's own. */
  connection(port: number) {
    return { host: '127.0.0.1', port, user: appUser.name, password: appUser.password, database: databaseName };
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.ports.api}`;
  }

  get jwtSecret(): string {
    return jwtSecret;
  }

  /** WEBHOOK_SECRETS_KEY of every process: what seals an endpoint's secret for them. */
  get webhookSecretsKey(): string {
    return webhookSecretsKey;
  }

  serviceEnv(): NodeJS.ProcessEnv {
    return {
      NODE_ENV: 'production',
      DATABASE_URL: this.databaseUrl,
      AUTH_JWT_SECRET: jwtSecret,
      PAGE_TOKEN_SECRET: pageTokenSecret,
      WEBHOOK_SECRETS_KEY: webhookSecretsKey,
      DB_POOL_MAX: '5',
      // HAProxy adds X-Forwarded-For (option forwardfor): the per-IP limit counts clients, not HAProxy.
      TRUST_PROXY_HOPS: '1',
      // The test's clients are trusted load, far above one person's pace; the limits themselves
      // are tested in the suite. Counters stay in each process (no REDIS_URL): see deploy/README.md.
      RATE_LIMIT_PER_USER: process.env.CLUSTER_RATE_LIMIT ?? '100000',
      RATE_LIMIT_PER_IP: process.env.CLUSTER_RATE_LIMIT ?? '100000',
      // Webhooks go out from the dispatcher processes (DispatcherProcess).
      WEBHOOK_DISPATCHER: 'false',
    };
  }

  /** Bootstraps db1 as a new cluster, then joins db2 and db3 to it by SST. */
  async startGalera(): Promise<void> {
    for (const node of this.nodes) node.writeConfig();
    const [first, ...others] = this.nodes as [GaleraNode, ...GaleraNode[]];
    first.installSystemTables();
    first.start({ bootstrap: true });
    await first.waitSynced(1, 60_000);
    await this.createUsers(first);
    let size = 1;
    for (const node of others) {
      node.start();
      await node.waitSynced(++size, 120_000);
    }
    for (const node of this.nodes) node.startHealthCheck();
  }

  private async createUsers(node: GaleraNode): Promise<void> {
    const connection = await mysql.createConnection({ socketPath: node.socket, user: 'root' });
    try {
      await connection.query(`CREATE DATABASE ${databaseName} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
      await connection.query(`CREATE USER '${appUser.name}'@'127.0.0.1' IDENTIFIED BY '${appUser.password}'`);
      await connection.query(`GRANT ALL ON ${databaseName}.* TO '${appUser.name}'@'127.0.0.1'`);
      // The health check needs no privilege to read status variables.
      await connection.query(`CREATE USER '${monitorUser.name}'@'127.0.0.1' IDENTIFIED BY '${monitorUser.password}'`);
    } finally {
      await connection.end();
    }
  }

  startHaproxy(): void {
    const values: Record<string, string | number> = {
      statsPort: this.ports.stats,
      dbPort: this.ports.db,
      dbReadPort: this.ports.dbRead,
      apiPort: this.ports.api,
      deployDir,
    };
    this.nodes.forEach((node, index) => {
      values[`db${index + 1}Port`] = node.ports.mysql;
      values[`db${index + 1}HealthPort`] = node.ports.health;
    });
    this.apis.forEach((api, index) => (values[`api${index + 1}Port`] = api.port));
    const configFile = join(this.dir, 'haproxy.cfg');
    writeFileSync(configFile, fillTemplate('haproxy/haproxy.cfg', values));
    const check = spawnSync(haproxy, ['-c', '-q', '-f', configFile], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`haproxy.cfg is invalid:\n${check.stdout}${check.stderr}`);
    this.haproxy = launch([haproxy, '-db', '-f', configFile], join(this.dir, 'haproxy.log'));
  }

  /** Server states as HAProxy sees them, e.g. { 'galera/db1': 'UP', 'api/api2': 'DOWN' }. */
  async haproxyStates(): Promise<Record<string, string>> {
    const response = await fetch(`http://127.0.0.1:${this.ports.stats}/stats;csv`);
    const states: Record<string, string> = {};
    for (const line of (await response.text()).split('\n').slice(1)) {
      const [proxy, server, ...fields] = line.split(',');
      if (proxy && server && server !== 'FRONTEND' && server !== 'BACKEND')
        states[`${proxy}/${server}`] = fields[15] ?? '?';
    }
    return states;
  }

  async waitForHaproxy(server: string, state: 'UP' | 'DOWN', timeoutMs: number): Promise<void> {
    await waitUntil(`HAProxy to see ${server} ${state}`, timeoutMs, async () =>
      (await this.haproxyStates())[server]?.startsWith(state) ? true : undefined,
    );
  }

  /** Runs a service command (migrate, load) against the cluster through HAProxy. */
  runServiceCommand(command: string, ...args: string[]): string {
    const [program, ...rest] = command.split(/\s+/);
    const result = spawnSync(program!, [...rest, ...args], {
      cwd: projectDir,
      env: { ...inherited(), ...this.serviceEnv() },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`${command} failed (${result.status}):\n${result.stdout}${result.stderr}`);
    return result.stdout.trim();
  }

  async startApis(): Promise<void> {
    for (const api of this.apis) api.start();
    await Promise.all(this.apis.map((api) => api.waitReady(90_000)));
  }

  /** Stops every process this topology started and removes its folder, unless `keep` or CLUSTER_KEEP=1. */
  async destroy({ keep = false }: { keep?: boolean } = {}): Promise<void> {
    const killAll = (processes: (ChildService | undefined)[]) =>
      Promise.all(processes.flatMap((child) => (child ? [child.stop('SIGKILL')] : [])));
    await killAll(this.apis.map((api) => api.process));
    await killAll(this.dispatchers.map((dispatcher) => dispatcher.process));
    await killAll([this.haproxy]);
    await killAll(this.nodes.map((node) => node.health));
    await killAll(this.nodes.map((node) => node.process));
    if (keep || process.env.CLUSTER_KEEP === '1') {
      console.log(`Kept ${this.dir} (its logs and data)`);
      return;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
