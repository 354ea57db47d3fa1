/**
 * Holding a scenario's result to the list of known differences: identical, or differing only where the list
 * says (and for the reason it gives) — and a listed difference that has gone is a failure too, so the list
 * stays true.
 */
import { summarise } from './compare.js';
import type { ScenarioResult } from './runner.js';

export interface KnownDifference {
  scenario: string;
  /** The steps (observation labels) that differ; every step of the scenario may differ when absent. */
  steps?: string[];
  reason: string;
  /** Who is fixing it, when someone is (another helper's area). */
  owner?: string;
}

/** What is wrong with a result against the list; empty when it is as expected. */
export function judge(r: ScenarioResult, known: readonly KnownDifference[]): string[] {
  const entry = known.find((k) => k.scenario === r.scenario.name);
  const differing = r.differences;
  if (!entry) return differing.map((d) => `unlisted difference: ${summarise(d)}`);
  if (differing.length === 0)
    return [`listed difference has gone (${entry.reason}): remove it from the list`];
  if (!entry.steps) return [];
  const problems: string[] = [];
  const labels = new Set(differing.map((d) => d.label));
  for (const d of differing) {
    if (!entry.steps.includes(d.label)) problems.push(`unlisted difference: ${summarise(d)}`);
  }
  for (const step of entry.steps) {
    if (!labels.has(step)) problems.push(`listed difference at "${step}" has gone (${entry.reason})`);
  }
  return problems;
}
