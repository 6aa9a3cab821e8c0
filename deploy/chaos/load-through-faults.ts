// The chaos itself: the load runs while the schedule's faults happen, and everything the
// clients saw is kept for the verdicts.
import { signToken } from '../../src/auth/sign-token.js';
import { createGroupsClient } from '../../sdk/src/index.js';
import type { Topology } from '../cluster.js';
import { recordingFetch, type Attempt } from './attempts.js';
import { runSchedule, type Rejoin } from './faults.js';
import { adminId } from './fixture.js';
import { newLedger, type Ledger } from './ledger.js';
import { startLoad } from './load.js';
import type { Schedule } from './schedule.js';
import type { ChaosSettings } from './settings.js';
import { Timeline } from './timeline.js';

/** What a chaos run left to be judged. */
export interface LoadRecord {
  ledger: Ledger;
  attempts: Attempt[];
  timeline: Timeline;
  /** How the writer came back, once per restart. */
  rejoins: Rejoin[];
  loadEndedAt: number;
}

export async function loadThroughFaults(
  topology: Topology,
  schedule: Schedule,
  settings: ChaosSettings,
): Promise<LoadRecord> {
  const token = await signToken({ secret: topology.jwtSecret, userId: adminId, ttlSeconds: 3600 });
  const attempts: Attempt[] = [];
  const client = createGroupsClient({
    baseUrl: topology.apiUrl,
    token,
    fetch: recordingFetch(attempts),
    retries: { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 2000 },
  });
  const ledger = newLedger();
  console.log(`  load: ${settings.clients} SDK clients`);
  const timeline = new Timeline(Date.now());
  const load = startLoad({ client, clients: settings.clients, thinkMs: settings.thinkMs, seed: schedule.seed, ledger });
  let rejoins: Rejoin[];
  try {
    rejoins = await runSchedule(topology, schedule, timeline);
  } finally {
    await load.stop();
  }
  const loadEndedAt = Date.now();
  timeline.close(loadEndedAt);
  return { ledger, attempts, timeline, rejoins, loadEndedAt };
}
