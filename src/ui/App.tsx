/**
 * The dashboard: header, the live pod table (or a modal), the input/flash line and the hint bar. Cluster data
 * comes from stores outside React; UI state from one reducer; keys through one router driven by the keymap.
 */
import { Box, Text, useApp, useWindowSize } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { TEXT_SCOPES } from '../keymap/bindings.js';
import { parseFilter } from '../domain/filter.js';
import { compileSearch } from '../domain/textSearch.js';
import { MetricsStore } from '../kube/metricsStore.js';
import { probeMark, probeRows } from '../terminal/benchProbe.js';
import { PodStore } from '../kube/podStore.js';
import { AccessStore } from '../kube/access.js';
import { AllNamespacesPodStore } from '../kube/allNamespacesPodStore.js';
import type { ScopedPodSnapshot } from '../kube/allNamespacesPodStore.js';
import { initialUiState, uiReducer } from '../state/uiState.js';
import { Header, HEADER_LINES } from './components/Header.js';
import { HelpOverlay, helpLines } from './components/HelpOverlay.js';
import { HintBar } from './components/HintBar.js';
import type { PodTableWindow } from './components/podTableLayout.js';
import { InputLine } from './components/InputLine.js';
import { Picker } from './components/Picker.js';
import { PodTableLive } from './components/PodTableLive.js';
import type { ColumnId } from '../domain/columns.js';
import { useExternalStore, useStoreAndSnapshot } from './hooks/useExternalStore.js';
import { RenderGate } from './renderGate.js';
import type { Session } from './session.js';
import { theme } from './theme.js';
import { usePodRows } from './usePodRows.js';
import { LogsInputLine } from './components/LogsInputLine.js';
import { useControllers } from './controllers/useControllers.js';
import { useKeyQueue } from './controllers/useKeyQueue.js';
import { usePodActions } from './usePodActions.js';
import { DialogBox, dialogHeight } from './components/DialogBox.js';
import { WhyLine } from './components/WhyLine.js';
import { usePodEvents } from './hooks/usePodInspect.js';
import { usePortForwards } from './hooks/usePortForwards.js';
import { useSettled } from './hooks/useSettled.js';
import { latestWarning } from '../domain/podEvents.js';
import { scopesFor } from './views/scopes.js';
import type { ViewData } from './views/viewData.js';
import { ViewBody } from './views/ViewBody.js';
import { useNamespaceMemory } from './useNamespaceMemory.js';
import { usePodWatch } from './alerts/usePodWatch.js';
import { useRolloutLine } from './hooks/useWorkloads.js';

export interface AppProps {
  session: Session;
  /** The namespace to open on; undefined for all namespaces. */
  namespace: string | undefined;
  labelSelector: string | undefined;
  readonly: boolean;
  /** The command shells run instead of "bash, else sh" (`--shell`). */
  shellCommand?: readonly string[] | undefined;
  /** Milliseconds between published snapshots of the pod store. */
  flushMs?: number;
  /** Metrics poll period. */
  metricsIntervalMs?: number;
  /** Where favourites and the last namespace per context are kept between runs; none: nothing is saved. */
  memory?: { dir: string; favourites: readonly string[]; warning?: string | undefined } | undefined;
  /** Ring the terminal bell with an alert's flash (`--no-bell`: false). */
  bell?: boolean;
}

/** Lines below the table: the input/flash line and the hint bar. */
const FOOTER_LINES = 2;

export function App(props: AppProps) {
  const { exit } = useApp();
  const { columns: width, rows: height } = useWindowSize();
  const [ui, dispatch] = useReducer(uiReducer, undefined, () =>
    initialUiState(
      props.session.contextName,
      props.namespace,
      props.session.namespace,
      props.labelSelector,
      props.memory?.favourites,
    ),
  );
  useNamespaceMemory(props.memory, ui.context, ui.namespace, ui.favourites, dispatch);
  const [session, setSession] = useState(props.session);
  const labelSelector = ui.labelSelector;

  // What the user may do: asked once per question while this context is open; a new context asks again.
  // Subscribed: a new answer re-renders, and every disabled reason is asked again.
  const { store: access } = useStoreAndSnapshot(() => new AccessStore(session.kc), [session.kc]);
  // Pod flushes that change nothing on screen don't re-render (see usePodRows): the store is behind a gate.
  // All namespaces falls back to the namespaces the user may list when the cluster scope is forbidden.
  const { store: podStore, snapshot: pods } = useStoreAndSnapshot(
    () =>
      new RenderGate<ScopedPodSnapshot>(
        ui.namespace === undefined
          ? new AllNamespacesPodStore(session.kc, {
              access,
              candidates: ui.favourites,
              labelSelector,
              flushMs: props.flushMs ?? 50,
            })
          : new PodStore(session.kc, {
              namespace: ui.namespace,
              labelSelector,
              flushMs: props.flushMs ?? 50,
            }),
      ),
    [session.kc, ui.namespace, labelSelector, access],
    true,
  );
  // Restart history and alerts (issue 16) follow the pods list's store.
  usePodWatch(session, podStore, dispatch, props.bell ?? true);
  const notice = pods.notice;
  // Issue 16: the rollouts a `:restart` or `:scale` started, until they are done.
  const rollout = useRolloutLine(session);
  const noticeLines = (notice ? 1 : 0) + (rollout ? 1 : 0);
  const metrics = useExternalStore(
    () =>
      new MetricsStore(session.kc, {
        namespace: ui.namespace,
        labelSelector,
        intervalMs: props.metricsIntervalMs ?? 15_000,
      }),
    [session.kc, ui.namespace, labelSelector],
  );
  const forwards = usePortForwards(session);
  const picker = ui.modal.kind === 'picker' ? ui.modal : undefined;
  const dialog = ui.modal.kind === 'dialog' ? ui.modal.dialog : undefined;
  const top = ui.stack[ui.stack.length - 1];
  const tableHeight = height - HEADER_LINES - FOOTER_LINES - noticeLines;
  const viewHeight = dialog ? Math.max(2, tableHeight - dialogHeight(dialog, width)) : tableHeight;
  const tableShown = ui.modal.kind !== 'help' && !picker && !top;
  const derived = usePodRows(
    {
      pods,
      metrics,
      filter: ui.filter,
      sort: ui.sort,
      allNamespaces: ui.namespace === undefined,
      wide: ui.wide,
      portForwards: forwards.active,
    },
    podStore,
    tableShown ? { offset: ui.offset, height: viewHeight - 1 } : undefined,
  );

  const bodyHeight = Math.max(1, height - HEADER_LINES - 1 - FOOTER_LINES - noticeLines);
  // The columns the table shows, for `<`/`>`: the table lays them out at its own clock (see PodTableLive).
  const shownColumns = useRef<readonly ColumnId[]>([]);
  const columnWindow = useRef<PodTableWindow | undefined>(undefined);

  // Keep the selection on the same pod as rows move; a neighbour when it goes.
  const prevRows = useRef(derived.rows);
  useEffect(() => {
    dispatch({ type: 'rowsChanged', prevRows: prevRows.current, rows: derived.rows, height: bodyHeight });
    prevRows.current = derived.rows;
  }, [derived.rows, bodyHeight]);

  useEffect(() => {
    probeMark('stores-started');
  }, []);
  useEffect(() => {
    if (derived.rows.length > 0) probeRows();
  }, [derived.rows.length]);

  // A flash goes away by itself.
  useEffect(() => {
    if (!ui.flash) return;
    const id = ui.flash.id;
    const t = setTimeout(() => dispatch({ type: 'clearFlash', id }), 4000);
    return () => clearTimeout(t);
  }, [ui.flash]);

  const scopes = useMemo(() => scopesFor(ui), [ui]);
  const viewData = useRef<ViewData | undefined>(undefined);
  const selectedRow = useMemo(
    () => (ui.selectedKey === undefined ? undefined : derived.rows.find((r) => r.key === ui.selectedKey)),
    [derived.rows, ui.selectedKey],
  );
  // The latest pods, not the last rendered: a pod off-screen may have changed since.
  const findPod = useCallback(
    (ref: { namespace: string; name: string }) =>
      podStore.getSnapshot().pods.get(`${ref.namespace}/${ref.name}`),
    [podStore],
  );
  const actions = usePodActions(session, forwards.registry, props.shellCommand);
  // Why the selected pod isn't running: its events, once the selection has settled on an unhealthy pod.
  const troubled =
    top === undefined && selectedRow && selectedRow.health !== 'healthy' && selectedRow.health !== 'completed'
      ? selectedRow
      : undefined;
  const settledKey = useSettled(troubled?.key, 250);
  const whyRow = troubled && troubled.key === settledKey ? troubled : undefined;
  const whyRef = useMemo(
    () => (whyRow ? { namespace: whyRow.namespace, name: whyRow.name } : undefined),
    [whyRow?.key],
  );
  const whyEvents = usePodEvents(session, whyRef);
  const why = whyRow ? latestWarning(whyEvents.events) : undefined;
  const { onKey, disabled } = useControllers({
    ui,
    dispatch,
    session,
    setSession,
    rows: derived.rows,
    selectedRow,
    findPod,
    columns: shownColumns,
    columnWindow,
    viewData,
    bodyHeight,
    helpMax: Math.max(0, helpLines().length - (height - HEADER_LINES - FOOTER_LINES - 1)),
    exit,
    actions,
    access,
    readonly: props.readonly,
    scopes,
  });
  useKeyQueue(onKey);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header
        context={session.contextName}
        cluster={session.clusterName}
        namespace={ui.namespace}
        counts={derived.counts}
        total={derived.total}
        shown={derived.rows.length}
        sync={pods.sync}
        readonly={props.readonly}
        favourites={ui.favourites}
        // A `-l` filter is the label selector, which the header shows as such: not twice.
        filter={ui.modal.kind === 'filter' || derived.filter.kind === 'labels' ? '' : ui.filter}
        labelSelector={labelSelector}
        metrics={derived.metricsAvailable || metrics.availability === 'checking'}
        metricsError={metrics.error}
        marked={ui.marked.size}
      />
      {notice ? (
        <Text color={theme.health.warning} wrap="truncate">
          {notice}
        </Text>
      ) : null}
      {rollout ? (
        <Text color={theme.accent} wrap="truncate">
          {rollout}
        </Text>
      ) : null}
      <Box height={tableHeight} flexDirection="column">
        {ui.modal.kind === 'help' ? (
          <HelpOverlay height={tableHeight} width={width} scroll={ui.modal.scroll} disabled={disabled} />
        ) : picker ? (
          <Picker
            title={picker.picker === 'namespace' ? 'namespace:' : 'context:'}
            query={picker.query}
            items={picker.items}
            index={picker.index}
            height={tableHeight}
            current={
              picker.picker === 'namespace' ? (ui.namespace ?? '(all namespaces)') : session.contextName
            }
          />
        ) : top ? (
          <ViewBody
            top={top}
            session={session}
            width={width}
            height={viewHeight}
            viewData={viewData}
            forwards={forwards.snapshot.forwards}
          />
        ) : (
          <PodTableLive
            rows={derived.rows}
            offset={ui.offset}
            height={viewHeight - 1}
            layoutHeight={bodyHeight}
            width={width}
            columns={derived.columns}
            columnIds={shownColumns}
            columnScroll={ui.columnScroll}
            columnWindow={columnWindow}
            podSet={`${ui.namespace ?? '*'}/${labelSelector ?? ''}`}
            filtering={derived.rows.length !== derived.total || ui.modal.kind === 'filter'}
            selectedKey={ui.selectedKey}
            marked={ui.marked}
            stale={pods.stale}
            sort={ui.sort}
            focusedColumn={ui.sort?.column}
            emptyText={emptyText(pods.sync.kind, derived.total, derived.rows.length)}
          />
        )}
        {dialog ? <DialogBox dialog={dialog} width={width} /> : null}
      </Box>
      {ui.modal.kind === 'filter' ? (
        <InputLine prompt="/" value={ui.modal.draft} error={draftError(ui.modal.draft)} />
      ) : ui.modal.kind === 'command' ? (
        <InputLine prompt=":" value={ui.modal.draft} note={ui.modal.candidates?.join('  ')} />
      ) : ui.modal.kind === 'search' && ui.modal.logs ? (
        <LogsInputLine input={ui.modal.logs} draft={ui.modal.draft} />
      ) : ui.modal.kind === 'search' ? (
        <InputLine prompt="/" value={ui.modal.draft} error={searchError(ui.modal.draft)} />
      ) : ui.flash ? (
        <Text color={ui.flash.level === 'error' ? theme.error : theme.accent} wrap="truncate">
          {ui.flash.text}
        </Text>
      ) : why && whyRow ? (
        <WhyLine pod={whyRow.name} warning={why} />
      ) : (
        <Text> </Text>
      )}
      <HintBar
        scopes={TEXT_SCOPES.has(scopes[0]!) ? [scopes[0]!] : scopes}
        suffix={props.readonly ? 'read-only: nothing in the cluster can be changed' : undefined}
        disabled={disabled}
      />
    </Box>
  );
}

/** What is wrong with the filter being typed (an invalid regex or selector), if anything. */
function draftError(draft: string): string | undefined {
  const parsed = parseFilter(draft);
  return parsed.ok ? undefined : parsed.error;
}

function searchError(draft: string): string | undefined {
  const parsed = compileSearch(draft);
  return parsed.ok ? undefined : parsed.error;
}

function emptyText(sync: string, total: number, shown: number): string {
  if (sync === 'connecting' || sync === 'listing') return 'loading…';
  if (total === 0) return 'no pods';
  if (shown === 0) return 'no pod matches the filter (Esc clears it)';
  return '';
}
