/**
 * `npm run differential [-- --only NAME,NAME] [--verbose] [--json FILE]`: starts the demo and a real control
 * plane (seeded alike), runs every scenario on both, and prints a table of which are identical and, for the
 * others, their first difference. --verbose prints every difference; --json writes all observations.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KNOWN_DIFFERENCES } from '../known-differences.js';
import { summarise } from './compare.js';
import { formatTable } from './report.js';
import type { ScenarioResult } from './runner.js';
import { runScenario } from './runner.js';
import { SCENARIOS } from './scenarios/index.js';
import { startServers } from './servers.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      json: { type: 'string' },
    },
  });
  const only = values.only?.split(',');
  const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
  if (only && scenarios.length !== only.length) {
    const known = new Set(SCENARIOS.map((s) => s.name));
    throw new Error(`unknown scenario: ${only.filter((n) => !known.has(n)).join(', ')}`);
  }
  const log = (l: string): void => void process.stderr.write(`${l}\n`);
  const servers = await startServers(log);
  const results: ScenarioResult[] = [];
  try {
    for (const s of scenarios) {
      const r = await runScenario(s, servers.demo, servers.real);
      results.push(r);
      log(`${s.name}: ${r.differences.length === 0 ? 'identical' : `${r.differences.length} difference(s)`}`);
      if (values.verbose) for (const d of r.differences) log(`  ${summarise(d)}`);
    }
  } finally {
    await servers.stop();
  }
  if (values.json) {
    writeFileSync(
      values.json,
      JSON.stringify(
        results.map((r) => ({
          scenario: r.scenario.name,
          demo: r.demo,
          real: r.real,
          differences: r.differences,
        })),
        null,
        2,
      ),
    );
  }
  process.stdout.write(`${formatTable(results, KNOWN_DIFFERENCES)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`differential: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
