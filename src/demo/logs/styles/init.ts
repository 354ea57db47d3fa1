/** A database-migration init container: wait for the database, apply migrations, report. */
import type { ContainerRun } from '../../runtime.js';
import { between, mix } from '../hash.js';
import { FiniteScript, type LogScript } from '../script.js';
import { lastLineUs, spread } from './common.js';

const MIGRATIONS = [
  '0001_create_customers',
  '0002_create_orders',
  '0003_add_orders_status_index',
  '0004_create_inventory',
  '0005_add_customers_email_unique',
  '0006_create_outbox',
  '0007_backfill_order_totals',
  '0008_drop_legacy_sessions',
];

/** The log of a run of a migration init container. */
export function initScript(run: ContainerRun): LogScript {
  const seed = run.seed;
  const pending = between(mix(seed, 1), 3, MIGRATIONS.length);
  const first = MIGRATIONS.length - pending;
  const texts = [
    'Waiting for database at postgres.default.svc.cluster.local:5432...',
    'Database is ready',
    `Running migrations: ${pending} pending`,
  ];
  for (let k = 0; k < pending; k++) {
    texts.push(`Applying ${MIGRATIONS[first + k]!}... OK (${between(mix(seed, 2, k), 4, 900)}ms)`);
  }
  texts.push(`Migrations complete: ${pending} applied, schema at ${MIGRATIONS[MIGRATIONS.length - 1]!}`);
  const times = spread(texts.length, between(mix(seed, 3), 20_000, 90_000), lastLineUs(run, 6000), seed, 4);
  return new FiniteScript(texts.map((text, k) => ({ at: times[k]!, text })));
}
