/**
 * The differential runner as a suite: every scenario (test/cluster/differential/scenarios) on the demo and on
 * the real control plane, each one identical or differing only as test/cluster/known-differences.ts says —
 * and a listed difference that has gone fails too, so the list stays true. It runs on a control plane of its
 * own, seeded as the demo is: the shared one changes under it as the other suites create namespaces and pods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_DIFFERENCES } from '../cluster/known-differences.js';
import { judge } from '../cluster/differential/known.js';
import { runScenario } from '../cluster/differential/runner.js';
import { SCENARIOS } from '../cluster/differential/scenarios/index.js';
import type { Servers } from '../cluster/differential/servers.js';
import { startServers } from '../cluster/differential/servers.js';

let servers: Servers;

beforeAll(async () => {
  servers = await startServers();
}, 180_000);
afterAll(async () => {
  await servers?.stop();
});

describe('the demo against the real API server', () => {
  it('lists only scenarios that exist', () => {
    const names = new Set(SCENARIOS.map((s) => s.name));
    expect(KNOWN_DIFFERENCES.filter((k) => !names.has(k.scenario)).map((k) => k.scenario)).toEqual([]);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: ${scenario.about}`, async () => {
      const result = await runScenario(scenario, servers.demo, servers.real);
      expect(judge(result, KNOWN_DIFFERENCES)).toEqual([]);
    }, 300_000);
  }
});
