/** Every scenario, in the order they run: the ones reading the whole cluster first, before others add to it. */
import type { Scenario } from '../scenario.js';
import { AUTH_SCENARIOS } from './auth.js';
import { DELETE_SCENARIOS } from './deletes.js';
import { ERROR_SCENARIOS } from './errors.js';
import { KUBECTL_SCENARIOS, kubectlGetSeed } from './kubectl.js';
import { LIST_SCENARIOS } from './lists.js';
import { NAMESPACE_SCENARIOS } from './namespaces.js';
import { PATCH_SCENARIOS } from './patches.js';
import { RBAC_SCENARIOS } from './rbac.js';
import { SELECTOR_SCENARIOS } from './selectors.js';
import { SUBRESOURCE_SCENARIOS } from './subresources.js';
import { TABLE_SCENARIOS, tableSeedPods } from './tables.js';
import { WATCH_SCENARIOS, watchTooOld } from './watch.js';

const first = [kubectlGetSeed, tableSeedPods];
/** Last: it waits for the real watch cache to drop old events, which takes the longest. */
const last = [watchTooOld];

export const SCENARIOS: Scenario[] = [
  ...first,
  ...LIST_SCENARIOS,
  ...WATCH_SCENARIOS.filter((s) => !last.includes(s)),
  ...SELECTOR_SCENARIOS,
  ...ERROR_SCENARIOS,
  ...DELETE_SCENARIOS,
  ...NAMESPACE_SCENARIOS,
  ...AUTH_SCENARIOS,
  ...RBAC_SCENARIOS,
  ...PATCH_SCENARIOS,
  ...SUBRESOURCE_SCENARIOS,
  ...TABLE_SCENARIOS.filter((s) => !first.includes(s)),
  ...KUBECTL_SCENARIOS.filter((s) => !first.includes(s)),
  ...last,
];
