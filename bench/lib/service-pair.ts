// Two services that differ in their environment only, measured on the same scenarios in
// alternating slices: the feature stages (validation, tracing) and the pool comparison.
import type { RunContext } from './context.js';
import { startService } from './context.js';
import type { ScenarioResult } from './results.js';
import { mainScenarios, type Scenario } from './scenarios.js';
import { isSelected } from './options.js';
import { compare, throughputRatio } from './slices.js';

export interface ServicePair {
  /** The service each result's floor is; its log file in the log folder. */
  baseline: { env: Record<string, string>; logName: string };
  /** The service measured against it. */
  variant: { env: Record<string, string>; logName: string };
  /** How the log names the ratio: `validation on ÷ off`. */
  ratioLabel: string;
  /** Appended to each scenario's id in the results: `S1 (responses validated)`. */
  idSuffix: string;
}

export async function measurePair(
  context: RunContext,
  url: string,
  pair: ServicePair,
  scenarios: Scenario[],
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const baseline = await startService(context, url, pair.baseline.logName, { env: pair.baseline.env });
  const variant = await startService(context, url, pair.variant.logName, { env: pair.variant.env });
  try {
    for (const scenario of scenarios) {
      const [onBaseline, onVariant] = await compare(context, baseline, variant, scenario);
      const ratio = throughputRatio(onBaseline, onVariant);
      context.log(`${scenario.id} ${pair.ratioLabel}: ${ratio}`);
      results.push({
        id: `${scenario.id} (${pair.idSuffix})`,
        title: scenario.title,
        service: onVariant,
        floor: onBaseline,
        ratio,
      });
    }
  } finally {
    await baseline.process.stop();
    await variant.process.stop();
  }
  return results;
}

/**
 * One feature switched on against off: `on` started with `onEnv` over the usual environment;
 * each result's floor is the service with the feature off.
 */
export const featureCost = (
  context: RunContext,
  feature: { name: string; idSuffix: string; onEnv: Record<string, string> },
  url: string,
  scenarios: Scenario[],
): Promise<ScenarioResult[]> =>
  measurePair(
    context,
    url,
    {
      baseline: { env: {}, logName: `${feature.name}-off.log` },
      variant: { env: feature.onEnv, logName: `${feature.name}-on.log` },
      ratioLabel: `${feature.name} on ÷ off`,
      idSuffix: feature.idSuffix,
    },
    scenarios,
  );

/** The scenarios a feature's cost is measured on: S1 and S4-90d, those selected. */
export const featureScenarios = (context: RunContext): Scenario[] =>
  mainScenarios.filter((s) => s.id === 'S1' || s.id === 'S4-90d').filter((s) => isSelected(context.options, s));
