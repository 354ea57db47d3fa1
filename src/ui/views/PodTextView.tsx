/**
 * Describe, YAML and events of one pod, live: the pod watched by name and its events watched by field selector.
 * A deleted pod keeps its last content with a notice; forbidden events leave the rest shown, with a note.
 */
import type { RefObject } from 'react';
import { useMemo } from 'react';
import { describePod } from '../../domain/describe/describePod.js';
import { podEventRows } from '../../domain/podEvents.js';
import type { TextLine } from '../../domain/textLayout.js';
import { podYamlLines } from '../../domain/podYaml.js';
import type { ViewEntry } from '../../state/views.js';
import { usePodDetail, usePodEvents } from '../hooks/usePodInspect.js';
import { useNow } from '../hooks/useNow.js';
import type { Session } from '../session.js';
import { theme } from '../theme.js';
import { eventLines } from './eventLines.js';
import { yamlTextLines } from './yamlTextLines.js';
import { TextView } from './TextView.js';
import type { ViewData } from './viewData.js';
import { POD_DELETED_NOTICE, podLoadingLines } from './podTextParts.js';

export interface PodTextViewProps {
  entry: Extract<ViewEntry, { kind: 'text' }>;
  session: Session;
  width: number;
  height: number;
  viewData: RefObject<ViewData | undefined>;
}

const TITLES = {
  describe: 'Describe',
  yaml: 'YAML',
  events: 'Events',
  ports: 'Ports',
  inside: 'Inside',
  restarts: 'Restarts',
} as const;

/** A text view's span kinds to theme colours: warnings, muted notes and the syntax kinds (key, comment…). */
export function colorOf(kind: string) {
  if (kind === 'warning') return theme.warning;
  if (kind === 'muted') return theme.muted;
  if (kind in theme.syntax) return theme.syntax[kind as keyof typeof theme.syntax];
  return undefined;
}

export function PodTextView({ entry, session, width, height, viewData }: PodTextViewProps) {
  const detail = usePodDetail(session, entry.pod);
  const events = usePodEvents(session, entry.pod);
  // Ages in describe and events move with the clock; YAML does not need it.
  const now = useNow(entry.text === 'yaml' ? 3_600_000 : 1000);
  const { pod } = detail;
  const lines = useMemo((): readonly TextLine[] => {
    if (entry.text === 'events') return eventLines(podEventRows(events.events, now), events.forbidden);
    if (!pod) return podLoadingLines(detail);
    if (entry.text === 'yaml')
      return yamlTextLines(podYamlLines(pod, { managedFields: entry.managedFields }));
    const note = events.forbidden ? `<cannot list events: ${events.forbidden}>` : undefined;
    return describePod(pod, events.events, now, note ? { eventsNote: note } : {}).map((text) => ({ text }));
  }, [entry.text, entry.managedFields, pod, events, now, detail.error]);
  const notice = detail.deleted
    ? POD_DELETED_NOTICE
    : entry.text !== 'yaml' && events.forbidden
      ? 'events are forbidden to you (RBAC): not shown'
      : undefined;
  return (
    <TextView
      entry={entry}
      title={`${TITLES[entry.text]} ${entry.pod.namespace}/${entry.pod.name}${entry.text === 'yaml' && !entry.managedFields ? ' (managedFields hidden: m shows)' : ''}`}
      lines={lines}
      notice={notice}
      width={width}
      height={height}
      viewData={viewData}
      colorOf={colorOf}
    />
  );
}
