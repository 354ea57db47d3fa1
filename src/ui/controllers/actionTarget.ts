/** The pod (and container) a pod action applies to. */
import type { PodRow } from '../../domain/podRow.js';
import type { PodRef, ViewEntry } from '../../state/views.js';

/** The containers view's pod and container, else the pods list's selection; undefined in other views. */
export function actionTarget(
  top: ViewEntry | undefined,
  selectedRow: PodRow | undefined,
): { pod: PodRef; container: string | undefined } | undefined {
  if (top?.kind === 'containers') return { pod: top.pod, container: top.selected };
  if (top === undefined && selectedRow)
    return { pod: { namespace: selectedRow.namespace, name: selectedRow.name }, container: undefined };
  return undefined;
}
