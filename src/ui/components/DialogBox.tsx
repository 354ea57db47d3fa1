/**
 * A dialog drawn in a bordered box below the view it acts on: the delete/kill confirmation (focus starts on
 * Cancel), the port-forward form and the container picker (letters a, b, c… pick at once).
 */
import { Box, Text } from 'ink';
import type { Dialog } from '../../state/dialogs.js';
import { theme } from '../theme.js';

/** Lines the dialog takes, borders included, so the view above it can shrink. */
export function dialogHeight(d: Dialog): number {
  switch (d.kind) {
    case 'delete':
      return 2 + 1 + Math.min(5, d.pods.length) + (d.pods.length > 5 ? 1 : 0) + (d.hidden ? 1 : 0) + 3;
    case 'portForward':
      return 2 + 6 + (d.error ? 1 : 0);
    case 'containers':
      return 2 + 1 + d.items.length;
    case 'debug':
      return 2 + 4;
  }
}

function Button({ label, focused, danger }: { label: string; focused: boolean; danger?: boolean }) {
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
      width={Math.min(width, 90)}
      paddingX={1}
    >
      {d.kind === 'delete' ? <DeleteBody d={d} /> : null}
      {d.kind === 'portForward' ? <PortForwardBody d={d} /> : null}
      {d.kind === 'containers' ? <ContainersBody d={d} /> : null}
      {d.kind === 'debug' ? <DebugBody d={d} /> : null}
    </Box>
  );
}

function DeleteBody({ d }: { d: Extract<Dialog, { kind: 'delete' }> }) {
  const verb = d.kill ? 'Kill' : 'Delete';
  const shown = d.pods.slice(0, 5);
  return (
    <>
      <Text bold color={theme.error} wrap="truncate">
        {verb} {d.pods.length === 1 ? 'this pod' : `${d.pods.length} pods`}?
        {d.kill ? ' (grace period 1 s)' : ''}
      </Text>
      {shown.map((p) => (
        <Text key={`${p.namespace}/${p.name}`} wrap="truncate">
          {'  '}
          {p.namespace}/{p.name}
        </Text>
      ))}
      {d.pods.length > shown.length ? (
        <Text color={theme.muted}>{`  … and ${d.pods.length - shown.length} more`}</Text>
      ) : null}
      {d.hidden ? (
        <Text color={theme.warning} wrap="truncate">
          {`  ${d.hidden} of them ${d.hidden === 1 ? 'is' : 'are'} hidden by the filter`}
        </Text>
      ) : null}
      {d.kill ? (
        <Text> </Text>
      ) : (
        <Field label="grace period (s)" value={d.grace || "pod's own"} focused={d.focus === 'grace'} />
      )}
      <Text>
        <Text color={theme.muted}>{'force'.padEnd(17)}</Text>
        <Text inverse={d.focus === 'force'}>{d.force ? '[x]' : '[ ]'}</Text>
        <Text color={theme.muted}> grace 0: removed at once, the kubelet may still be stopping it</Text>
      </Text>
      <Text>
        <Button label="Cancel" focused={d.focus === 'cancel'} />
        {'  '}
        <Button label={verb} focused={d.focus === 'confirm'} danger />
      </Text>
    </>
  );
}

function PortForwardBody({ d }: { d: Extract<Dialog, { kind: 'portForward' }> }) {
  return (
    <>
      <Text bold color={theme.accent} wrap="truncate">
        Port-forward to {d.pod.namespace}/{d.pod.name}
        {d.container ? ` (${d.container})` : ''}
      </Text>
      <Text color={theme.muted} wrap="truncate">
        declared: {d.declared.length ? d.declared.join(', ') : 'none (any port can be forwarded)'}
      </Text>
      <Field label="pod port" value={d.remote} focused={d.focus === 'remote'} />
      <Field label="local port" value={d.local} focused={d.focus === 'local'} />
      <Field label="bind address" value={d.address} focused={d.focus === 'address'} />
      <Text>
        <Button label="Start" focused={d.focus === 'start'} />
        {'  '}
        <Button label="Cancel" focused={d.focus === 'cancel'} />
      </Text>
      {d.error ? (
        <Text color={theme.error} wrap="truncate">
          {d.error}
        </Text>
      ) : null}
    </>
  );
}

function DebugBody({ d }: { d: Extract<Dialog, { kind: 'debug' }> }) {
  return (
    <>
      <Text bold color={theme.warning} wrap="truncate">
        {d.target} in {d.pod.name} has no shell (a distroless image?)
      </Text>
      <Text wrap="truncate">
        Add an ephemeral debug container (busybox) sharing {d.target}&apos;s processes, and open its shell?
      </Text>
      <Text color={theme.muted} wrap="truncate">
        As kubectl debug -it --target does: it stays in the pod until the pod is deleted.
      </Text>
      <Text>
        <Button label="Cancel" focused={d.focus === 'cancel'} />
        {'  '}
        <Button label="Add debug container" focused={d.focus === 'confirm'} />
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
      <Text bold color={theme.accent} wrap="truncate">
        Which container of {d.pod.name}? (letter or ↑↓ and Enter)
      </Text>
      {d.items.map((name, i) => (
        <Text key={name} inverse={i === d.index} wrap="truncate">
          <Text color={theme.hintKey}>{pickerLetter(i)}</Text> {name}
        </Text>
      ))}
    </>
  );
}
