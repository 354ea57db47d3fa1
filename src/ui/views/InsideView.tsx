/**
 * The inside view (`i`, `:inside`): the pod watched live for the API's parts, its node's runtime and the files
 * read through exec once per `r`, laid out by domain/inside/insideLines.ts in a text view (scroll, search, save).
 */
import { useMemo } from 'react';
import { insideLines } from '../../domain/inside/insideLines.js';
import type { TextLine } from '../../domain/textLayout.js';
import { useInside } from '../hooks/useInside.js';
import { useNow } from '../hooks/useNow.js';
import { usePodDetail } from '../hooks/usePodInspect.js';
import { colorOf, type PodTextViewProps } from './PodTextView.js';
import { TextView } from './TextView.js';
import { POD_DELETED_NOTICE, podLoadingLines } from './podTextParts.js';

/** The inside view of `entry.pod`. */
export function InsideView({ entry, session, width, height, viewData }: PodTextViewProps) {
  const detail = usePodDetail(session, entry.pod);
  const { pod } = detail;
  const inside = useInside(session, pod, entry.container, entry.reads ?? 0);
  // "expires in 365d", "issued 12m ago" move with the clock, a minute is fine enough.
  const now = useNow(60_000);
  const lines = useMemo((): readonly TextLine[] => {
    if (!pod) return podLoadingLines(detail);
    return insideLines({ pod, node: inside.node, reads: inside.reads, now });
  }, [pod, inside, now, detail.error]);
  return (
    <TextView
      entry={entry}
      title={`Inside ${entry.pod.namespace}/${entry.pod.name}`}
      lines={lines}
      notice={detail.deleted ? POD_DELETED_NOTICE : undefined}
      width={width}
      height={height}
      viewData={viewData}
      colorOf={colorOf}
    />
  );
}
