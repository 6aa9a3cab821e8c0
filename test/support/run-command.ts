// Runs a command to its end without blocking this process (a live server in it keeps
// answering) and returns its stdout. A failure throws an error whose message holds the whole
// output, with the command's stdout on `stdout` for a test that expects the failure.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export async function runCommand(
  command: string,
  args: string[],
  cwd: string,
  { env = {}, timeoutMs = 120_000 }: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(command, args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      timeout: timeoutMs,
    });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw Object.assign(
      new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error }),
      { stdout },
    );
  }
}
