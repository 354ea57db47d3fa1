import { describe, expect, it } from 'vitest';
import { fuzzyScore } from '../../src/domain/fuzzy.js';

describe('fuzzyScore', () => {
  it.each([
    ['wb', 'web-app', true],
    ['wapp', 'web-app', true],
    ['pw', 'web-app', false],
    ['', 'anything', true],
    ['api', 'API-server', true],
  ])('%j in %j matches: %s', (query, text, matches) => {
    expect(fuzzyScore(query, text) !== undefined).toBe(matches);
  });

  // prettier-ignore
  const better: [query: string, winner: string, loser: string][] = [
    ['api', 'api-7d9f', 'a-pod-in-team'],       // consecutive beats scattered
    ['api', 'web-api-0', 'rapid-queue'],        // at a word boundary beats mid-word
    ['web', 'web-0', 'team-web-0'],             // earlier beats later
    ['db', 'db-0', 'drupal-backend'],
  ];
  it.each(better)('%j ranks %j above %j', (query, winner, loser) => {
    expect(fuzzyScore(query, winner)!).toBeGreaterThan(fuzzyScore(query, loser)!);
  });

  it('finds the best start, not just the first', () => {
    // The first "a" leads nowhere good; the match at "app" is consecutive.
    expect(fuzzyScore('app', 'a-x-app')!).toBeGreaterThan(fuzzyScore('app', 'a-x-a-p-p')!);
  });
});
