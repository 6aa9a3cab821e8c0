// The run's assertions: each prints ✔ or ✘ as it is made; a run with any ✘ fails.

export interface CheckResult {
  ok: boolean;
  text: string;
}

export class Checks {
  readonly results: CheckResult[] = [];

  check(ok: boolean, text: string): void {
    this.results.push({ ok, text });
    console.log(`  ${ok ? '✔' : '✘'} ${text}`);
  }

  failed(): CheckResult[] {
    return this.results.filter((result) => !result.ok);
  }
}
