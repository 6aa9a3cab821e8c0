// npm run cluster:test: the reference deployment under load and faults, on this machine.
// Bootstraps a three-node Galera cluster, HAProxy and three API processes in a temporary
// folder; migrates and seeds through HAProxy; checks that certification conflicts between
// nodes are retried; then runs SDK clients (creates, member PUTs, deletes, gets) through a
// fault schedule drawn from one seed (CHAOS_SEED): the writer database node killed, an API
// process and a dispatcher killed, both brought back, the writer killed again. Afterwards it
// checks every acknowledged write against the database and the audit log, and exits non-zero
// when an assertion fails, printing the seed that replays the run. Everything it started is
// stopped and removed, also on failure or Ctrl-C. The parts are in deploy/chaos/.
import { checkHaproxyWithoutApis, checkReplicationReadiness, setUpDatabase } from './chaos/setup.js';
import { Checks } from './chaos/checks.js';
import { seconds } from './chaos/format.js';
import { databaseVerdict } from './chaos/ledger-verdict.js';
import { loadThroughFaults } from './chaos/load-through-faults.js';
import { attemptSummary } from './chaos/measures.js';
import { checkEvents, checkOutcome } from './chaos/outcome.js';
import { printFailureReport, printResults, printSchedule } from './chaos/report.js';
import { planSchedule, type Schedule } from './chaos/schedule.js';
import { chaosSettings, type ChaosSettings } from './chaos/settings.js';
import { eventVerdict, startWebhooks, stopWebhooks } from './chaos/webhooks.js';
import { missingPackages, serviceCommands, Topology } from './cluster.js';

async function run(topology: Topology, schedule: Schedule, settings: ChaosSettings, checks: Checks): Promise<void> {
  const startedAt = Date.now();
  console.log(`cluster test in ${topology.dir}`);
  console.log(
    `  service commands: migrate "${serviceCommands.migrate}", start "${serviceCommands.start}", dispatch "${serviceCommands.dispatch}"`,
  );
  await setUpDatabase(topology, startedAt);
  await checkReplicationReadiness(topology, checks);
  await checkHaproxyWithoutApis(topology, checks);

  const webhooks = await startWebhooks(topology);
  try {
    await topology.startApis();
    await Promise.all(topology.apis.map((api) => topology.waitForHaproxy(`api/${api.name}`, 'UP', 30_000)));
    console.log(
      `  3 API processes and 2 webhook dispatchers ready behind HAProxy after ${seconds(Date.now() - startedAt)}`,
    );

    const record = await loadThroughFaults(topology, schedule, settings);
    const summary = attemptSummary(record.attempts, record.timeline.windows);
    const verdict = await databaseVerdict(topology, record.ledger);
    const events = await eventVerdict(topology, webhooks, record.loadEndedAt);
    printResults(record, verdict, summary, events);
    console.log('\nassertions');
    checkOutcome(checks, record, verdict, summary, settings);
    checkEvents(checks, events);
  } finally {
    await stopWebhooks(webhooks);
  }
  console.log(`\ncluster test took ${seconds(Date.now() - startedAt)}`);
}

const missing = missingPackages();
if (missing.length > 0) {
  console.error(
    `cluster test needs the Debian packages: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`,
  );
  process.exit(1);
}

let settings: ChaosSettings;
try {
  settings = chaosSettings(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const topology = await Topology.create();
const schedule = planSchedule(settings.seed, {
  phaseMs: settings.phaseSeconds * 1000,
  writerKills: settings.writerKills,
  shortPhaseMs: settings.writerKillPhaseSeconds * 1000,
  jitter: settings.phaseJitter,
  writer: topology.nodes[0]!.name,
  apis: topology.apis.map((api) => api.name),
  dispatchers: topology.dispatchers.map((dispatcher) => dispatcher.name),
});
printSchedule(schedule, Boolean(process.env.CHAOS_SEED), settings.replayCommand);

const checks = new Checks();
let cleaning: Promise<void> | undefined;
// A failed run keeps its folder: the processes' logs are what tells why.
const cleanUp = () => (cleaning ??= topology.destroy({ keep: checks.failed().length > 0 }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the cluster (chaos seed ${schedule.seed})`);
    void cleanUp().finally(() => process.exit(130));
  });
}
try {
  await run(topology, schedule, settings, checks);
} catch (error) {
  checks.results.push({ ok: false, text: `the run aborted: ${(error as Error).message}` });
  console.error(`\ncluster test aborted: ${(error as Error).stack ?? String(error)}`);
} finally {
  await cleanUp();
}
const failed = checks.failed();
if (failed.length > 0) printFailureReport(schedule.seed, failed, settings.replayCommand);
console.log(`cluster-test: ${checks.results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length > 0 ? 1 : 0);
