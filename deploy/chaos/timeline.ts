// When each fault happened, as it happened: a window from one fault to the next (or to the end
// of the load), against which the clients' attempts are measured.
import { seconds } from './format.js';
import type { FaultStep } from './schedule.js';

export interface FaultWindow {
  label: string;
  /** The scheduled step that opened it. */
  step: FaultStep;
  /** A writer restart opens a second window once the node is Synced: HAProxy's failback to it. */
  failback: boolean;
  at: number;
  /** Until the next window opens or the load ends. */
  until: number;
}

export class Timeline {
  readonly windows: FaultWindow[] = [];

  constructor(readonly loadStartedAt: number) {}

  open(step: FaultStep, label: string, failback = false): void {
    const now = Date.now();
    this.close(now);
    this.windows.push({ label, step, failback, at: now, until: Infinity });
    console.log(`  t+${seconds(now - this.loadStartedAt)} ${label}`);
  }

  /** Ends the window still open, at the next fault or the end of the load. */
  close(at: number): void {
    const last = this.windows.at(-1);
    if (last && last.until === Infinity) last.until = at;
  }
}

export const isWriterKill = (window: FaultWindow) =>
  !window.failback && window.step.action === 'kill' && window.step.target.tier === 'writer';

export const isApiKill = (window: FaultWindow) => window.step.action === 'kill' && window.step.target.tier === 'api';
