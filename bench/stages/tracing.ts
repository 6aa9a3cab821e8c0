// What tracing costs: the scenarios on a service with tracing off and one exporting every
// request's spans to a sink that keeps nothing.
import type { RunContext } from '../lib/context.js';
import { skips } from '../lib/options.js';
import { otlpSink } from '../lib/otlp-sink.js';
import type { ScenarioResult } from '../lib/results.js';
import { featureCost, featureScenarios } from '../lib/service-pair.js';

export async function tracingCost(context: RunContext): Promise<ScenarioResult[]> {
  const scenarios = featureScenarios(context);
  if (scenarios.length === 0 || skips(context.options, 'tracing')) return [];
  const sink = await otlpSink();
  try {
    const results = await featureCost(
      context,
      { name: 'tracing', idSuffix: 'traced', onEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } },
      context.mainUrl,
      scenarios,
    );
    context.log(`tracing: ${sink.batches()} span batches received`);
    return results;
  } finally {
    await sink.close();
  }
}
