/** The runner's table: one line per scenario, identical or differing with its first difference, then totals. */
import { summarise } from './compare.js';
import type { ScenarioResult } from './runner.js';

export function formatTable(results: readonly ScenarioResult[], width = 160): string {
  const nameWidth = Math.max(8, ...results.map((r) => r.scenario.name.length));
  const lines = [`${'scenario'.padEnd(nameWidth)}  ${'result'.padEnd(9)}  first difference`];
  for (const r of results) {
    const first = r.differences[0];
    const verdict = first ? 'differing' : 'identical';
    let line =
      `${r.scenario.name.padEnd(nameWidth)}  ${verdict.padEnd(9)}  ${first ? summarise(first) : ''}`.trimEnd();
    if (line.length > width) line = `${line.slice(0, width - 3)}...`;
    lines.push(line);
  }
  const differing = results.filter((r) => r.differences.length > 0).length;
  lines.push('');
  lines.push(`${results.length} scenarios, ${results.length - differing} identical, ${differing} differing`);
  return lines.join('\n');
}
