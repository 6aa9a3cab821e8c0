// The scenarios on the main database (S1…S7 and the growth scenarios there), service against floor.
import type { RunContext } from '../lib/context.js';
import { isSelected } from '../lib/options.js';
import { runSet, type SetResults } from '../lib/scenario-set.js';
import { growthScenarios, mainScenarios } from '../lib/scenarios.js';

export const mainScenarioSet = (context: RunContext): Promise<SetResults> =>
  runSet(
    context,
    context.mainUrl,
    [...mainScenarios, ...growthScenarios.filter((s) => s.database === 'main')].filter((s) =>
      isSelected(context.options, s),
    ),
    'main',
  );
