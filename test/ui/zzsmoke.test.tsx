import { readdirSync, readFileSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { it } from 'vitest';
import { columnsFor } from '../../src/domain/columns.js';
import { podRows } from '../../src/domain/podRow.js';
import { sortRows } from '../../src/domain/sort.js';
import type { Pod } from '../../src/domain/wire.js';
import { PodTable } from '../../src/ui/components/PodTable.js';
import { podTableLayout } from '../../src/ui/components/podTableLayout.js';

it('smoke', () => {
  const dir = new URL('../fixtures/pods/', import.meta.url);
  const pods = readdirSync(dir).map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Pod);
  const rows = sortRows(podRows(pods, { portForwards: new Set(['default/web-7d9f8b6c5-x2k4p']) }), 'age', 'asc');
  const now = Date.parse('2025-03-14T12:00:00Z');
  for (const width of [40, 80, 100]) {
    const columns = columnsFor({ allNamespaces: true, metrics: false, wide: width > 90 });
    const sort = { column: 'age' as const, direction: 'asc' as const };
    const layout = podTableLayout({ rows, offset: 2, height: 8, width, columns, now, sort });
    const { lastFrame } = render(
      <PodTable rows={rows} offset={2} height={8} selectedKey={rows[3]!.key} layout={layout} marked={new Set([rows[4]!.key])} now={now} stale={false} sort={sort} focusedColumn="age" />,
    );
    console.log(JSON.stringify(layout) + '\n' + lastFrame());
  }
});
