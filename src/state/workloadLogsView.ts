/** The logs view's entry for a workload's logs (`:logs deploy/NAME`, `:logs -l SELECTOR`, `L` on a pod). */
import type { ResolvedLogTarget } from '../domain/workloadLogs.js';
import { logsView, type LogsEntry } from './views.js';

/**
 * A workload's logs, following from the last 100 lines of each stream: all of every pod's history merged could be
 * weeks of lines (kubectl logs -l asks for the last 10 of each; `S` and `D` change it, as in a pod's logs).
 */
export function workloadLogsView(target: ResolvedLogTarget): LogsEntry {
  const base = logsView({ namespace: target.namespace ?? '', name: target.label }, '', false, []);
  return {
    ...base,
    container: undefined,
    single: '',
    containers: [],
    since: { kind: 'tail', lines: 100 },
    workload: target,
  };
}
