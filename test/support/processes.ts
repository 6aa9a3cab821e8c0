// The one way the project's tools start a service as a child process, wait until it is ready
// and stop it: the tests (test/support/service-process.ts, the production artifact), the
// benchmark (bench/lib/processes.ts) and the reference deployment (deploy/cluster.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

export interface StartOptions {
  command: string[];
  /** Set over this process's environment, or instead of it with `cleanEnvironment`. */
  env?: NodeJS.ProcessEnv;
  cleanEnvironment?: boolean;
  cwd?: string;
  /** Where stdout and stderr go; absent, they are kept: JSON log lines in `logs`, stderr as text. */
  logFile?: string;
  /** Its own process group, so that a signal reaches what it starts too (tsx's child, SST helpers). */
  processGroup?: boolean;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() when it exited. */
  at: number;
}

/** Thrown by a `waitUntil` check when waiting longer is pointless (the process died). */
export class GaveUp extends Error {}

/**
 * Calls `check` every `intervalMs` until it returns a value other than undefined, and returns
 * it; a check that throws counts as not yet, unless it throws GaveUp. Throws after `timeoutMs`.
 */
export async function waitUntil<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  intervalMs = 100,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof GaveUp) throw error;
      lastError = error;
    }
    if (performance.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class ChildService {
  readonly logs: LogLine[] = [];
  /** What it wrote to stderr, when no log file takes it (start-up failures, config errors). */
  stderr = '';
  readonly exited: Promise<Exit>;
  private waiters: { test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly description: string,
    private readonly processGroup: boolean,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
    );
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const text of lines) if (text.startsWith('{')) this.received(JSON.parse(text) as LogLine);
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
  }

  static start(options: StartOptions): ChildService {
    const output = options.logFile ? openSync(options.logFile, 'a') : 'pipe';
    const child = spawn(options.command[0]!, options.command.slice(1), {
      cwd: options.cwd,
      env: options.cleanEnvironment ? options.env : { ...process.env, ...options.env },
      stdio: ['ignore', output, output],
      detached: options.processGroup ?? false,
    });
    return new ChildService(child, options.command.join(' '), options.processGroup ?? false);
  }

  get pid(): number {
    return this.child.pid!;
  }

  hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
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

  /**
   * Polls `${url}/readyz` until it answers 200; returns the milliseconds that took. Gives up at
   * once if the process exits first.
   */
  waitForReady(url: string, timeoutMs = 60_000, intervalMs = 100): Promise<number> {
    const started = performance.now();
    return waitUntil(
      `${this.description} to answer ${url}/readyz 200`,
      timeoutMs,
      async () => {
        if (this.hasExited()) throw new GaveUp(`${this.description} exited before it was ready`);
        const response = await fetch(`${url}/readyz`);
        return response.status === 200 ? performance.now() - started : undefined;
      },
      intervalMs,
    );
  }

  /** Sends `signal` (to the process group, when it has one); returns when it was sent. */
  signal(signal: NodeJS.Signals): number {
    try {
      if (this.processGroup) process.kill(-this.pid, signal);
      else this.child.kill(signal);
    } catch {
      // already gone
    }
    return performance.now();
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `killAfterMs` if it has not exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 15_000): Promise<void> {
    if (this.hasExited()) return;
    this.signal(signal);
    const timer = setTimeout(() => this.signal('SIGKILL'), killAfterMs);
    await this.exited;
    clearTimeout(timer);
  }

  private received(line: LogLine): void {
    this.logs.push(line);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test(line)) return true;
      waiter.resolve(line);
      return false;
    });
  }
}
