/**
 * Runs a scenario on the demo and on the real server (at the same time: they share nothing) and compares what
 * each recorded. A scenario that throws records the error as its last step, so it shows as a difference.
 */
import { compareObservations } from './compare.js';
import type { Difference, Observation } from './observation.js';
import type { Scenario } from './scenario.js';
import { Session } from './session.js';
import type { Target } from './target.js';
import { createNamespace, deleteNamespace } from './target.js';

export interface ScenarioResult {
  scenario: Scenario;
  demo: Observation[];
  real: Observation[];
  differences: Difference[];
}

export function namespaceOf(s: Scenario): string {
  return `diff-${s.name}`;
}

/** Runs a scenario on one target, in a fresh namespace of its own. */
export async function runOn(scenario: Scenario, target: Target): Promise<Observation[]> {
  const ns = namespaceOf(scenario);
  const session = new Session(target, ns);
  try {
    await createNamespace(target, ns);
    await scenario.run(session);
  } catch (e) {
    session.note('error', (e as Error).message);
  } finally {
    session.close();
    await deleteNamespace(target, ns).catch(() => undefined);
  }
  return session.observations;
}

export async function runScenario(scenario: Scenario, demo: Target, real: Target): Promise<ScenarioResult> {
  const [d, r] = await Promise.all([runOn(scenario, demo), runOn(scenario, real)]);
  return { scenario, demo: d, real: r, differences: compareObservations(d, r) };
}
