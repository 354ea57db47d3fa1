import { describe, expect, it } from 'vitest';
import { columnsFor } from '../../src/domain/columns.js';
import { filterRows, parseFilter, serverLabelSelector, type FilterParse } from '../../src/domain/filter.js';
import { SearchTextMemory } from '../../src/ui/rowMemory.js';
import { podRows } from '../../src/domain/podRow.js';
import { sortRows } from '../../src/domain/sort.js';
import { allFixtures } from './podFixtures.js';

/** The parse result without the RegExp object, which toEqual compares poorly. */
function summary(parse: FilterParse): unknown {
  if (!parse.ok) return { error: parse.error };
  const f = parse.filter;
  switch (f.kind) {
    case 'regex':
      return { regex: f.source, invert: f.invert, flags: f.pattern.flags };
    case 'fuzzy':
      return { fuzzy: f.query };
    case 'labels':
      return { labels: f.selector, requirements: f.requirements.length };
    case 'none':
      return 'none';
  }
}

describe('parseFilter', () => {
  // prettier-ignore
  const cases: [input: string, expected: unknown][] = [
    ['', 'none'],
    ['   ', 'none'],
    ['web', { regex: 'web', invert: false, flags: 'im' }],
    ['  web  ', { regex: 'web', invert: false, flags: 'im' }],
    ['^web-.*', { regex: '^web-.*', invert: false, flags: 'im' }],
    ['!Running', { regex: 'Running', invert: true, flags: 'im' }],
    ['! Running', { regex: 'Running', invert: true, flags: 'im' }],
    ['!', 'none'],
    ['-f wb', { fuzzy: 'wb' }],
    ['-f  WebApp ', { fuzzy: 'webapp' }],
    ['-f', 'none'],
    ['-l app=web,tier!=db', { labels: 'app=web,tier!=db', requirements: 2 }],
    ['-l  env in (a,b), !legacy', { labels: 'env in (a,b), !legacy', requirements: 2 }],
    ['-l', { labels: '', requirements: 0 }],
    // Without a space the flag is just text to search for.
    ['-lfoo', { regex: '-lfoo', invert: false, flags: 'im' }],
    ['(', { error: 'invalid regex: Unterminated group' }],
    ['[a-', { error: 'invalid regex: Unterminated character class' }],
    ['!a**', { error: 'invalid regex: Nothing to repeat' }],
    ['-l app=web!', { error: 'label selector: invalid label value: "web!"' }],
    ['-l a b', { error: 'label selector: unable to parse requirement: "a b"' }],
  ];
  it.each(cases)('%j', (input, expected) => {
    expect(summary(parseFilter(input))).toEqual(expected);
  });

  it('hands the label selector to the caller for the API', () => {
    const parsed = parseFilter('-l app=web');
    expect(parsed.ok && serverLabelSelector(parsed.filter)).toBe('app=web');
    const regex = parseFilter('web');
    expect(regex.ok && serverLabelSelector(regex.filter)).toBeUndefined();
  });
});

describe('filterRows', () => {
  const rows = sortRows(podRows(allFixtures()), undefined);
  const columns = columnsFor({ allNamespaces: true, metrics: false, wide: false });
  // One memory for every case, as the dashboard keeps one: a change of columns must not reuse the old texts.
  const memory = new SearchTextMemory();

  function keys(input: string, searched = columns): string[] {
    const parsed = parseFilter(input);
    if (!parsed.ok) throw new Error(parsed.error);
    return filterRows(rows, parsed.filter, searched, memory).map((r) => r.key);
  }

  // prettier-ignore
  const cases: [input: string, expected: string[]][] = [
    // Case-insensitive, over namespace, name, status, node…
    ['crash', ['default/worker-5c6d7e8f9-k2j3h', 'shop/billing-6d5c4b3a2-p7q8r']],
    ['^etl$', ['etl/analytics-79f8e7d6c-t5y6u', 'etl/importer-68c7b9d5f-v4b7n', 'etl/importer-68c7b9d5f-zz9lq']],
    // ^ and $ anchor to a cell, so "worker-1$" is the node, not names that merely contain it.
    ['worker-4$', ['default/web-7d9f8b6c5-lost1']],
    ['^web-7', ['default/web-7d9f8b6c5-lost1', 'default/web-7d9f8b6c5-n3m4b', 'default/web-7d9f8b6c5-old01', 'default/web-7d9f8b6c5-x2k4p']],
    ['10\\.244\\.2\\.', ['default/cache-0', 'default/web-typo-5b8c9d7f4-qz7mn', 'etl/importer-68c7b9d5f-v4b7n', 'shop/checkout-5f4e3d2c1-b8n7m', 'shop/checkout-5f4e3d2c1-q2w3e']],
    // Inverted: everything that does not match.
    ['!^(default|shop|etl)$', ['ml/trainer-0', 'ops/backup-28971380-m9v4c', 'search/search-0']],
    // Labels are not on screen, so they are not searched…
    ['pod-template-hash', []],
    // …and neither is AGE, which changes every second.
    ['^3d4h$', []],
    ['-l app=web', ['default/web-7d9f8b6c5-lost1', 'default/web-7d9f8b6c5-n3m4b', 'default/web-7d9f8b6c5-old01', 'default/web-7d9f8b6c5-x2k4p']],
    ['-l app in (api,search),app!=api', ['search/search-0']],
    ['-l job-name', ['default/report-28971440-7xk2p', 'ops/backup-28971380-m9v4c']],
  ];
  it.each(cases)('%j', (input, expected) => {
    expect(keys(input)).toEqual(expected);
  });

  it('searches the columns it is given', () => {
    expect(keys('pod-template-hash', ['name', 'labels'])).toHaveLength(4);
    expect(keys('^default$', ['name'])).toEqual([]);
    expect(keys('^default$')).toHaveLength(8);
  });

  it('finds the same rows with and without a memory', () => {
    const parsed = parseFilter('web');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(filterRows(rows, parsed.filter, columns)).toEqual(
      filterRows(rows, parsed.filter, columns, memory),
    );
  });

  it('ranks fuzzy matches on the name, ties in input order', () => {
    expect(keys('-f ch')).toEqual([
      'shop/checkout-5f4e3d2c1-b8n7m',
      'shop/checkout-5f4e3d2c1-q2w3e',
      // "ch" consecutive, starting earlier in the name than in search-0.
      'default/cache-0',
      'search/search-0',
      // "h" at a word boundary, far from the "c".
      'shop/orders-7b6c5d4e3-h5j6k',
      'shop/api-6f7d8c9b5-g6h7j',
      'default/worker-5c6d7e8f9-k2j3h',
    ]);
    expect(keys('-f zzz')).toEqual([]);
  });

  it('returns the same array when nothing is filtered', () => {
    const parsed = parseFilter('');
    expect(parsed.ok && filterRows(rows, parsed.filter)).toBe(rows);
  });
});
