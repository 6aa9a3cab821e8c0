// Child processes of the benchmark: servers started with a shell command line, waited for on
// /readyz, measured (peak RSS) and stopped with SIGTERM.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { ChildService, freePort } from '../../test/support/processes.js';

export interface Started {
  process: ChildService;
  port: number;
  url: string;
  /** Milliseconds from spawn to the first /readyz 200. */
  readyMs: number;
}

/** Splits a command line on spaces (the start commands have no quoting). */
export function words(command: string): string[] {
  return command.trim().split(/\s+/);
}

/** Starts `command` on a free port and waits for its first /readyz 200, polled every 5 ms (the cold start's resolution). */
export async function startServer(
  command: string[],
  env: Record<string, string>,
  logFile: string,
  timeoutMs = 60_000,
): Promise<Started> {
  const port = await freePort();
  const service = ChildService.start({ command, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, logFile });
  const url = `http://127.0.0.1:${port}`;
  try {
    const readyMs = await service.waitForReady(url, timeoutMs, 5);
    return { process: service, port, url, readyMs };
  } catch (error) {
    await service.stop('SIGKILL');
    throw new Error(`${(error as Error).message}; see ${logFile}`, { cause: error });
  }
}

function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i += 1) all.push(...(children.get(all[i]!) ?? []));
  return all;
}

function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  let largest: number | undefined;
  for (const id of descendants(pid)) {
    try {
      const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${id}/status`, 'utf8'));
      if (match) largest = Math.max(largest ?? 0, Number(match[1]) / 1024);
    } catch {
      // gone
    }
  }
  return largest === undefined ? undefined : Math.round(largest);
}

/** Peak resident set size (VmHWM) in MB of the process or, when a launcher runs it, its largest descendant. */
export const peakRssMb = (pid: number) => memoryMb(pid, 'VmHWM');

/** Resident set size now (VmRSS) in MB, as peakRssMb chooses the process. */
export const rssMb = (pid: number) => memoryMb(pid, 'VmRSS');

export function runJson<T>(command: string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line)
        reject(new Error(`${command.slice(0, 3).join(' ')} exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line) as T);
    });
  });
}

const ticksPerSecond = 100;

/** CPU seconds (user + system) used so far by a process and its descendants. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const id of descendants(pid)) {
    try {
      const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / ticksPerSecond;
}

/** The database server's process on this machine, when it runs here (for its CPU share). */
export function databaseServerPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (name === 'mariadbd' || name === 'mysqld') return Number(entry);
    } catch {
      // gone
    }
  }
  return undefined;
}
