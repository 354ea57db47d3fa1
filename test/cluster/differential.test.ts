/**
 * The differential runner's own parts, without any server: normalisation keeps what a client can tell apart,
 * comparison finds where two observations first differ, and the judge holds results to the known list.
 */
import { describe, expect, it } from 'vitest';
import { compareObservations } from './differential/compare.js';
import { judge } from './differential/known.js';
import { normalise, normaliseOutput } from './differential/normalise.js';
import type { Observation } from './differential/observation.js';
import type { ScenarioResult } from './differential/runner.js';
import type { Scenario } from './differential/scenario.js';

describe('normalise', () => {
  it('replaces what must differ and keeps the rest', () => {
    expect(
      normalise({
        metadata: {
          uid: '0b9f0c2a-3c1e-4f5e-9d7a-1234567890ab',
          resourceVersion: '4711',
          creationTimestamp: '2026-12-06T21:00:00Z',
          name: 'web-app-5d8f7c9b4-x7k2p',
        },
        status: { podIP: '10.244.1.7', message: 'at https://127.0.0.1:40213/api' },
        code: 404,
      }),
    ).toEqual({
      metadata: {
        uid: '<uid>',
        resourceVersion: '<resourceVersion>',
        creationTimestamp: '<time>',
        name: 'web-app-<hash>-<suffix>',
      },
      status: { podIP: '<ip>', message: 'at <server>/api' },
      code: 404,
    });
  });

  it('keeps an empty resourceVersion empty and an absent continue absent', () => {
    expect(normalise({ resourceVersion: '', items: [] })).toEqual({ resourceVersion: '', items: [] });
  });

  it('collapses column padding but keeps indentation, and blanks ages', () => {
    expect(normaliseOutput('NAME    AGE\nhello   5m2s\nspec:\n    containers:\n')).toBe(
      'NAME  AGE\nhello  <age>\nspec:\n    containers:\n',
    );
  });
});

describe('compareObservations', () => {
  const obs = (label: string, value: Observation['value']): Observation => ({ label, value });

  it('names the first differing path of each step', () => {
    const d = compareObservations(
      [obs('a', { http: 200, items: ['x', 'y'] }), obs('b', 'same')],
      [obs('a', { http: 200, items: ['x', 'z'] }), obs('b', 'same')],
    );
    expect(d).toEqual([{ label: 'a', path: '.items[1]', demo: '"y"', real: '"z"' }]);
  });

  it('names the first differing line of output', () => {
    const [d] = compareObservations([obs('out', 'a\nb\nc')], [obs('out', 'a\nB\nc')]);
    expect(d).toMatchObject({ path: 'line 2', demo: '"b"', real: '"B"' });
  });

  it('stops at a missing step', () => {
    const d = compareObservations([obs('a', 1)], [obs('a', 1), obs('b', 2)]);
    expect(d).toEqual([{ label: 'b', path: '(step)', demo: '(nothing)', real: 'b' }]);
  });
});

describe('judge', () => {
  const scenario: Scenario = { name: 's', about: '', run: async () => undefined };
  const result = (labels: string[]): ScenarioResult => ({
    scenario,
    demo: [],
    real: [],
    differences: labels.map((label) => ({ label, path: '', demo: '1', real: '2' })),
  });

  it('accepts an identical scenario that is not listed', () => {
    expect(judge(result([]), [])).toEqual([]);
  });
  it('refuses an unlisted difference', () => {
    expect(judge(result(['x']), [])).toEqual(['unlisted difference: x: demo 1, real 2']);
  });
  it('refuses a listed difference that has gone', () => {
    expect(judge(result([]), [{ scenario: 's', reason: 'r' }])[0]).toMatch(/has gone/);
  });
  it('holds listed steps to the steps that differ', () => {
    const known = [{ scenario: 's', steps: ['x', 'y'], reason: 'r' }];
    expect(judge(result(['x', 'y']), known)).toEqual([]);
    expect(judge(result(['x', 'z']), known)).toEqual([
      'unlisted difference: z: demo 1, real 2',
      'listed difference at "y" has gone (r)',
    ]);
  });
});
