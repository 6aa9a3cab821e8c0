// Runs `npm start`'s entry point (src/cli/start.ts) as a child process, reads its JSON log
// lines, and signals it, for tests of start-up and shutdown as an operator sees them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testSecrets } from './world.js';

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

export class ServiceProcess {
  readonly logs: LogLine[] = [];
  /** What the process wrote to stderr (plain lines: start-up failures, config errors). */
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private waiters: { test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  private readonly dataDir: string;

  private constructor(
    private readonly child: ChildProcess,
    dataDir: string,
  ) {
    this.dataDir = dataDir;
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const text of lines) {
        if (!text.startsWith('{')) continue;
        const line = JSON.parse(text) as LogLine;
        this.logs.push(line);
        this.waiters = this.waiters.filter((waiter) => {
          if (!waiter.test(line)) return true;
          waiter.resolve(line);
          return false;
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
    );
  }

  static start(env: Record<string, string>): ServiceProcess {
    const dataDir = mkdtempSync(join(tmpdir(), 'groups-service-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: testSecrets.jwtSecret,
        PAGE_TOKEN_SECRET: testSecrets.pageTokenSecret,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(child, dataDir);
  }

  /** The first log line (past or future) whose message matches, within `timeoutMs`. */
  waitForLog(message: string | RegExp, timeoutMs = 20_000): Promise<LogLine> {
    const test = (line: LogLine) =>
      typeof message === 'string' ? line.msg === message : message.test(String(line.msg ?? ''));
    const seen = this.logs.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no log line ${String(message)} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  signal(signal: NodeJS.Signals): number {
    this.child.kill(signal);
    return performance.now();
  }

  /** Ends the child if a test left it running, and removes its data folder. */
  async dispose(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
