/**
 * A dialog drawn in a bordered box below the view it acts on: the delete/kill confirmation, the debug container
 * offer, the port-forward form and the container picker (letters a, b, c… pick at once). Prose wraps at the
 * terminal's width and the box's height follows, so nothing is cut at 80 columns.
 */
import { Box, Text } from 'ink';
import wrapAnsi from 'wrap-ansi';
import type { Dialog } from '../../state/dialogs.js';
import { theme } from '../theme.js';
import { OwnerActionBody, ownerActionTexts } from './OwnerActionBody.js';

/** The widest a dialog gets; narrower terminals get the whole width. */
const MAX_WIDTH = 90;

/** Columns inside the border and the padding. */
function innerWidth(width: number): number {
  return Math.max(10, Math.min(width, MAX_WIDTH) - 4);
}

/** Rows `text` takes when wrapped as Ink wraps a `<Text>` (wrap-ansi, hard, untrimmed). */
function rowsOf(text: string, inner: number): number {
  return wrapAnsi(text, inner, { trim: false, hard: true }).split('\n').length;
}

/** The delete dialog's prose, as drawn (its height follows from it). */
function deleteTexts(d: Extract<Dialog, { kind: 'delete' }>) {
  const verb = d.kill ? 'Kill' : 'Delete';
  // `:delete -f FILE` lists the file's objects by kubectl's names (pod/web), namespaced ones with their namespace.
  const names = d.objects
    ? d.objects.targets.map((t) => (t.namespace ? `${t.namespace}/${t.label}` : t.label))
    : d.pods.map((p) => `${p.namespace}/${p.name}`);
  const count = d.objects
    ? `${names.length === 1 ? 'the object' : `${names.length} objects`} of ${d.objects.file}`
    : d.pods.length === 1
      ? 'this pod'
      : `${d.pods.length} pods`;
  const shown = names.slice(0, 5);
  return {
    verb,
    title: `${verb} ${count}?${d.kill ? ' (grace period 1 s)' : ''}`,
    pods: shown.map((p) => `  ${p}`),
    more: names.length > shown.length ? `  … and ${names.length - shown.length} more` : undefined,
    hidden: d.hidden
      ? `  ${d.hidden} of them ${d.hidden === 1 ? 'is' : 'are'} hidden by the filter`
      : undefined,
    forceNote: ' grace 0: removed at once, the kubelet may still be stopping it',
  };
}

function portForwardTexts(d: Extract<Dialog, { kind: 'portForward' }>) {
  return {
    title: `Port-forward to ${d.pod.namespace}/${d.pod.name}${d.container ? ` (${d.container})` : ''}`,
    declared: `declared: ${d.declared.length ? d.declared.join(', ') : 'none (any port can be forwarded)'}`,
  };
}

function debugTexts(d: Extract<Dialog, { kind: 'debug' }>): string[] {
  if (d.after === 'ports')
    return [
      `No running container of ${d.pod.name} has cat (a distroless image?)`,
      "Add an ephemeral debug container (busybox), which shares the pod's network, and read the ports from it?",
      'As kubectl debug --target does: it stays in the pod until the pod is deleted.',
    ];
  return [
    `${d.target} in ${d.pod.name} has no shell (a distroless image?)`,
    `Add an ephemeral debug container (busybox) sharing ${d.target}'s processes, and open its shell?`,
    'As kubectl debug -it --target does: it stays in the pod until the pod is deleted.',
  ];
}

/** The reach confirm: what will be created, where, from what, and that it goes after (issue 15 §2). */
function reachTexts(d: Extract<Dialog, { kind: 'reach' }>): string[] {
  const ports = d.port === undefined ? 'each declared port' : `port ${d.port}`;
  return [
    `Reach ${d.pod.name} from inside the cluster?`,
    `Creates pod podscope-reach-… in namespace ${d.pod.namespace} (image ${d.image}), requests ${ports} of ${d.pod.name}'s IP from it,`,
    'then deletes it — as kubectl run --rm does, also on Esc, q or Ctrl-C.',
  ];
}

function containersTitle(d: Extract<Dialog, { kind: 'containers' }>): string {
  return `Which container of ${d.pod.name}? (letter or ↑↓ and Enter)`;
}

/**
 * Lines the dialog takes at this terminal width, borders included, so the view above it can shrink. Prose wraps
 * (nothing is cut at 80 columns); fields, buttons and the picker's rows are one line each.
 */
export function dialogHeight(d: Dialog, width: number): number {
  const inner = innerWidth(width);
  const rows = (texts: readonly (string | undefined)[]): number =>
    texts.reduce((n, t) => n + (t === undefined ? 0 : rowsOf(t, inner)), 0);
  switch (d.kind) {
    case 'delete': {
      const t = deleteTexts(d);
      const force = rowsOf(`${'force'.padEnd(17)}[ ]${t.forceNote}`, inner);
      return 2 + rows([t.title, ...t.pods, t.more, t.hidden]) + 1 + force + 1;
    }
    case 'portForward': {
      const t = portForwardTexts(d);
      return 2 + rows([t.title, t.declared, d.error]) + 3 + (d.owner ? 1 : 0) + 1;
    }
    case 'containers':
      return 2 + rowsOf(containersTitle(d), inner) + d.items.length;
    case 'debug':
      return 2 + rows(debugTexts(d)) + 1;
    case 'reach':
      return 2 + rows(reachTexts(d)) + 1;
    case 'ownerAction':
      return 2 + rows(ownerActionTexts(d)) + 1;
  }
}

/** A dialog's button: inverse when focused; `danger` (Delete, Apply) in the error colour. */
export function Button({ label, focused, danger }: { label: string; focused: boolean; danger?: boolean }) {
  return (
    <Text inverse={focused} color={danger ? theme.error : theme.accent} bold={focused}>
      {` ${label} `}
    </Text>
  );
}

function Field({ label, value, focused }: { label: string; value: string; focused: boolean }) {
  return (
    <Text wrap="truncate">
      <Text color={theme.muted}>{label.padEnd(17)}</Text>
      <Text inverse={focused}>{value || ' '}</Text>
      {focused ? <Text inverse> </Text> : null}
    </Text>
  );
}

export function DialogBox({ dialog: d, width }: { dialog: Dialog; width: number }) {
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={d.kind === 'delete' ? theme.error : theme.accent}
      width={Math.min(width, MAX_WIDTH)}
      paddingX={1}
    >
      {d.kind === 'delete' ? <DeleteBody d={d} /> : null}
      {d.kind === 'portForward' ? <PortForwardBody d={d} /> : null}
      {d.kind === 'containers' ? <ContainersBody d={d} /> : null}
      {d.kind === 'debug' ? <DebugBody d={d} /> : null}
      {d.kind === 'reach' ? <ReachBody d={d} /> : null}
      {d.kind === 'ownerAction' ? <OwnerActionBody d={d} /> : null}
    </Box>
  );
}

function DeleteBody({ d }: { d: Extract<Dialog, { kind: 'delete' }> }) {
  const t = deleteTexts(d);
  return (
    <>
      <Text bold color={theme.error}>
        {t.title}
      </Text>
      {t.pods.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      {t.more ? <Text color={theme.muted}>{t.more}</Text> : null}
      {t.hidden ? <Text color={theme.warning}>{t.hidden}</Text> : null}
      {d.kill ? (
        <Text> </Text>
      ) : (
        <Field label="grace period (s)" value={d.grace || "pod's own"} focused={d.focus === 'grace'} />
      )}
      <Text>
        <Text color={theme.muted}>{'force'.padEnd(17)}</Text>
        <Text inverse={d.focus === 'force'}>{d.force ? '[x]' : '[ ]'}</Text>
        <Text color={theme.muted}>{t.forceNote}</Text>
      </Text>
      <Text>
        <Button label="Cancel" focused={d.focus === 'cancel'} />
        {'  '}
        <Button label={t.verb} focused={d.focus === 'confirm'} danger />
      </Text>
    </>
  );
}

function PortForwardBody({ d }: { d: Extract<Dialog, { kind: 'portForward' }> }) {
  const t = portForwardTexts(d);
  return (
    <>
      <Text bold color={theme.accent}>
        {t.title}
      </Text>
      <Text color={theme.muted}>{t.declared}</Text>
      <Field label="pod port" value={d.remote} focused={d.focus === 'remote'} />
      <Field label="local port" value={d.local} focused={d.focus === 'local'} />
      <Field label="bind address" value={d.address} focused={d.focus === 'address'} />
      {d.owner ? (
        <Field
          label="follow the owner"
          value={`${d.follow ? '[x]' : '[ ]'} ${d.owner}: a Ready pod of it, another when that one goes (Space)`}
          focused={d.focus === 'follow'}
        />
      ) : null}
      <Text>
        <Button label="Start" focused={d.focus === 'start'} />
        {'  '}
        <Button label="Cancel" focused={d.focus === 'cancel'} />
      </Text>
      {d.error ? <Text color={theme.error}>{d.error}</Text> : null}
    </>
  );
}

function DebugBody({ d }: { d: Extract<Dialog, { kind: 'debug' }> }) {
  const [title, offer, note] = debugTexts(d);
  return (
    <>
      <Text bold color={theme.warning}>
        {title}
      </Text>
      <Text>{offer}</Text>
      <Text color={theme.muted}>{note}</Text>
      <Text>
        <Button label="Cancel" focused={d.focus === 'cancel'} />
        {'  '}
        <Button label="Add debug container" focused={d.focus === 'confirm'} />
      </Text>
    </>
  );
}

function ReachBody({ d }: { d: Extract<Dialog, { kind: 'reach' }> }) {
  const [title, what, after] = reachTexts(d);
  return (
    <>
      <Text bold color={theme.accent}>
        {title}
      </Text>
      <Text>{what}</Text>
      <Text color={theme.muted}>{after}</Text>
      <Text>
        <Button label="Cancel" focused={d.focus === 'cancel'} />
        {'  '}
        <Button label="Create client pod" focused={d.focus === 'confirm'} />
      </Text>
    </>
  );
}

/** `a`, `b`, … for the container picker's rows. */
export function pickerLetter(i: number): string {
  return String.fromCharCode(97 + i);
}

function ContainersBody({ d }: { d: Extract<Dialog, { kind: 'containers' }> }) {
  return (
    <>
      <Text bold color={theme.accent}>
        {containersTitle(d)}
      </Text>
      {d.items.map((name, i) => (
        <Text key={name} inverse={i === d.index} wrap="truncate">
          <Text color={theme.hintKey}>{pickerLetter(i)}</Text> {name}
        </Text>
      ))}
    </>
  );
}
