/**
 * The ports check of one pod (key P, `:ports`): its declared ports, live from the pod, beside the TCP sockets
 * listening in it, read through exec (marked as such, with the container and time; `r` reads again). The text is
 * a text view's: it scrolls, searches and saves like describe.
 */
import { useMemo } from 'react';
import { portsLines } from '../../domain/ports/portsText.js';
import type { TextLine } from '../../domain/textLayout.js';
import { usePodDetail } from '../hooks/usePodInspect.js';
import { usePortsRead } from '../hooks/usePortsRead.js';
import type { Color } from '../theme.js';
import { theme } from '../theme.js';
import { TextView } from './TextView.js';
import type { PodTextViewProps } from './PodTextView.js';
import { POD_DELETED_NOTICE, podLoadingLines } from './podTextParts.js';

/** The same as describe's: the text entry, the session, the body's size, what it publishes for the keys. */
export type PortsViewProps = PodTextViewProps;

/** The verdicts' colours: fine, worth a look, the classic mistake. */
function colorOf(kind: string): Color | undefined {
  switch (kind) {
    case 'good':
      return theme.health.healthy;
    case 'warning':
      return theme.warning;
    case 'error':
      return theme.error;
    case 'muted':
      return theme.muted;
    case 'key':
      return theme.syntax.key;
    default:
      return undefined;
  }
}

export function PortsView({ entry, session, width, height, viewData }: PortsViewProps) {
  const detail = usePodDetail(session, entry.pod);
  const { read, reading } = usePortsRead(session, entry.pod, entry.container, entry.reads ?? 0);
  const { pod } = detail;
  const lines = useMemo((): readonly TextLine[] => {
    if (!pod) return podLoadingLines(detail);
    return portsLines(pod, read);
  }, [pod, read, detail.error]);
  const notice = detail.deleted ? POD_DELETED_NOTICE : reading && read ? 'reading again…' : undefined;
  return (
    <TextView
      entry={entry}
      title={`Ports ${entry.pod.namespace}/${entry.pod.name}`}
      lines={lines}
      notice={notice}
      width={width}
      height={height}
      viewData={viewData}
      colorOf={colorOf}
    />
  );
}
