// A CPU profile of the service over one scenario's measured run: --profile-scenario's, else the
// main scenario furthest below its floor (the plain floor where it has one: the floor that judges
// the design). Only a node start command can be profiled.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from '../lib/context.js';
import { startService } from '../lib/context.js';
import { skips } from '../lib/options.js';
import { words } from '../lib/processes.js';
import { summarizeProfile, type ProfileSummary } from '../lib/profile.js';
import type { BenchResults, ScenarioResult } from '../lib/results.js';
import { mainScenarios, type Scenario } from '../lib/scenarios.js';
import { driveOnce } from '../lib/slices.js';

export async function profileStage(
  context: RunContext,
  mainResults: ScenarioResult[],
): Promise<BenchResults['profile']> {
  const ratioOf = (result: ScenarioResult) => result.plain?.ratio ?? result.ratio;
  const measured = mainResults.filter(
    (result) => ratioOf(result) !== undefined && mainScenarios.some((s) => s.id === result.id),
  );
  const slowest = context.options.profileScenario ?? [...measured].sort((a, b) => ratioOf(a)! - ratioOf(b)!)[0]?.id;
  const scenario = mainScenarios.find((s) => s.id === slowest);
  if (!scenario || skips(context.options, 'profile')) return undefined;
  const summary = await profile(context, scenario);
  if (!summary) return undefined;
  context.log(`profiled ${scenario.id}`);
  return { scenario: scenario.id, ...summary };
}

async function profile(context: RunContext, scenario: Scenario): Promise<ProfileSummary | undefined> {
  const command = words(context.startCommand);
  if (command[0] !== 'node') return undefined;
  const { settings } = context.options;
  const dir = join(context.logDir, 'profile');
  mkdirSync(dir, { recursive: true });
  const spawned = performance.now();
  const service = await startService(context, context.mainUrl, 'profile.log', {
    command: ['node', '--cpu-prof', `--cpu-prof-dir=${dir}`, ...command.slice(1)],
  });
  let measuredFromMs = 0;
  try {
    await driveOnce(context, service, scenario, settings.durationSeconds, settings.warmupSeconds, () => {
      measuredFromMs = performance.now() - spawned;
    });
  } finally {
    await service.process.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  // Start-up and warm-up are left out: the profile is of the measured run.
  return file ? summarizeProfile(join(dir, file), { fromMs: measuredFromMs }) : undefined;
}
