// What validating every response costs: S1 and S4-90d on a service with VALIDATE_RESPONSES on
// against one with it off.
import type { RunContext } from '../lib/context.js';
import { skips } from '../lib/options.js';
import type { ScenarioResult } from '../lib/results.js';
import { featureCost, featureScenarios } from '../lib/service-pair.js';

export async function validationCost(context: RunContext): Promise<ScenarioResult[]> {
  const scenarios = featureScenarios(context);
  if (scenarios.length === 0 || skips(context.options, 'validation')) return [];
  return featureCost(
    context,
    { name: 'validation', idSuffix: 'responses validated', onEnv: { VALIDATE_RESPONSES: 'true' } },
    context.mainUrl,
    scenarios,
  );
}
