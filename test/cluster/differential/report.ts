/**
 * The runner's table: one line per scenario — identical or differing, whether known-differences.ts lists it,
 * and the first difference — then the totals.
 */
import { summarise } from './compare.js';
import type { KnownDifference } from './known.js';
import { judge } from './known.js';
import type { ScenarioResult } from './runner.js';

export function formatTable(
  results: readonly ScenarioResult[],
  known: readonly KnownDifference[],
  width = 170,
): string {
  const nameWidth = Math.max(8, ...results.map((r) => r.scenario.name.length));
  const lines = [`${'scenario'.padEnd(nameWidth)}  ${'result'.padEnd(9)}  listed  first difference`];
  for (const r of results) {
    const first = r.differences[0];
    const verdict = first ? 'differing' : 'identical';
    const listed = known.some((k) => k.scenario === r.scenario.name) ? 'yes' : '';
    let line =
      `${r.scenario.name.padEnd(nameWidth)}  ${verdict.padEnd(9)}  ${listed.padEnd(6)}  ${first ? summarise(first) : ''}`.trimEnd();
    if (line.length > width) line = `${line.slice(0, width - 3)}...`;
    lines.push(line);
  }
  const differing = results.filter((r) => r.differences.length > 0).length;
  const unexpected = results.filter((r) => judge(r, known).length > 0).map((r) => r.scenario.name);
  lines.push('');
  lines.push(`${results.length} scenarios, ${results.length - differing} identical, ${differing} differing`);
  lines.push(
    unexpected.length === 0
      ? 'every difference is listed in test/cluster/known-differences.ts, and every listed one is still there'
      : `not as listed in test/cluster/known-differences.ts: ${unexpected.join(', ')}`,
  );
  return lines.join('\n');
}
