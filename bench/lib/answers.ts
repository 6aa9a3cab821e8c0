// Whether the plain floor answers what the service answers: one request to each, just before
// they are measured, each answer reduced to a digest of its status and its JSON with the keys
// sorted. A floor that answers something else is not a floor; the answers of a mismatch are kept
// in the log folder.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from './context.js';
import type { Started } from './processes.js';
import type { Scenario } from './scenarios.js';

/** JSON with every object's keys in order, so that two answers compare by content alone. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

async function answerOf(target: Started, scenario: Scenario, token: string): Promise<string> {
  const response = await fetch(`${target.url}${scenario.path}`, { headers: { authorization: `Bearer ${token}` } });
  return `${response.status} ${JSON.stringify(canonical(await response.json()))}`;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export async function compareAnswers(
  context: RunContext,
  service: Started,
  plainFloor: Started,
  scenario: Scenario,
): Promise<{ service: string; plainFloor: string }> {
  const token = await context.tokenFor(scenario.userId);
  const answers = {
    service: await answerOf(service, scenario, token),
    plainFloor: await answerOf(plainFloor, scenario, token),
  };
  if (answers.service !== answers.plainFloor) {
    const file = (who: string) => join(context.logDir, `answer-${scenario.id}-${who}.json`);
    writeFileSync(file('service'), answers.service);
    writeFileSync(file('plain-floor'), answers.plainFloor);
    context.log(`${scenario.id}: **the plain floor answers otherwise than the service**: ${file('*')}`);
  }
  return { service: digest(answers.service), plainFloor: digest(answers.plainFloor) };
}
