/**
 * Keys as data: per scope, which chords run which command, and which of them the hint bar shows. The input
 * router, the hint bar and the help screen all read this one table.
 */
import type { CommandId } from './commands.js';

/** Where a key applies. Scopes are tried in order: the open modal, then the view, then global. */
export type Scope =
  | 'global'
  | 'pods'
  | 'podActions'
  | 'containers'
  | 'text'
  | 'yaml'
  | 'search'
  | 'logs'
  | 'forwards'
  | 'dialog'
  | 'filter'
  | 'command'
  | 'picker'
  | 'help'
  | 'ports'
  | 'inside'
  | 'reach'
  | 'apply';

export interface Binding {
  /** Canonical chords (see chord.ts): `j`, `down`, `ctrl+d`, `pagedown`, `G`, `space`, `escape`, `1`… */
  keys: readonly string[];
  command: CommandId;
  /** Shown in the hint bar of its scope. */
  hint?: boolean;
}

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  pods: 'Pods list',
  podActions: 'On a pod (pods list) or a container (containers view)',
  containers: 'Containers view',
  text: 'Describe, YAML and events views',
  yaml: 'YAML view',
  search: 'Search input',
  logs: 'Logs view',
  forwards: 'Port-forwards list',
  dialog: 'Dialogs (delete, port-forward)',
  filter: 'Filter input',
  command: 'Command line',
  picker: 'Namespace and context pickers',
  help: 'Help',
  ports: 'Ports check',
  inside: 'Inside view (IPs, DNS, /etc files, token, volumes, security)',
  reach: 'Reach view (R)',
  apply: 'Apply a manifest (dry run, then apply)',
};

/** Scrolling a text or log view (G differs: the end, or following). */
const SCROLL: readonly Binding[] = [
  { keys: ['up', 'k'], command: 'list.up' },
  { keys: ['down', 'j'], command: 'list.down' },
  { keys: ['pageup', 'ctrl+b'], command: 'list.pageUp' },
  { keys: ['pagedown', 'ctrl+f', 'space'], command: 'list.pageDown' },
  { keys: ['g', 'home'], command: 'list.top' },
];

export const BINDINGS: Record<Scope, readonly Binding[]> = {
  global: [
    { keys: ['q', 'ctrl+c'], command: 'app.quit', hint: true },
    { keys: ['?'], command: 'app.help', hint: true },
    { keys: [':'], command: 'app.command' },
    { keys: ['ctrl+z'], command: 'app.suspend' },
    // Issue 16: the last alerted pod (k9s has no such key; ! reads as "alert" and is free everywhere).
    { keys: ['!'], command: 'alerts.jump' },
  ],
  pods: [
    { keys: ['up', 'k'], command: 'list.up' },
    { keys: ['down', 'j'], command: 'list.down' },
    { keys: ['pageup', 'ctrl+b'], command: 'list.pageUp' },
    { keys: ['pagedown', 'ctrl+f'], command: 'list.pageDown' },
    { keys: ['g', 'home'], command: 'list.top' },
    { keys: ['G', 'end'], command: 'list.bottom' },
    { keys: ['/'], command: 'pods.filter', hint: true },
    { keys: ['escape'], command: 'pods.clearFilter' },
    { keys: ['<'], command: 'pods.sortPrev', hint: true },
    { keys: ['>'], command: 'pods.sortNext', hint: true },
    { keys: ['='], command: 'pods.sortReverse', hint: true },
    { keys: ['0'], command: 'pods.allNamespaces', hint: true },
    { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], command: 'pods.favourite' },
    { keys: ['n'], command: 'pods.namespaces', hint: true },
    { keys: ['c'], command: 'pods.contexts', hint: true },
    { keys: ['w'], command: 'pods.wide', hint: true },
    // ← / → scroll the columns, as in k9s (tview's table scrolls its columns with the arrows); h/l are not used
    // because l opens the logs, and < / > already move the sort.
    { keys: ['left', 'right'], command: 'pods.columns' },
    { keys: ['space'], command: 'pods.mark', hint: true },
    // k9s's key for "Marks Clear" (internal/view/table.go, bindKeys: tcell.KeyCtrlBackslash), so k9s users find it.
    // Raw mode turns off ISIG, so Ctrl-\ reaches us as 0x1c instead of sending SIGQUIT.
    { keys: ['ctrl+\\'], command: 'pods.clearMarks' },
    { keys: ['o'], command: 'pods.siblings' },
    // Issue 15 §1: create from a manifest (kubectl apply -f); opens `:apply ` with Tab completing the path.
    { keys: ['A'], command: 'pods.apply', hint: true },
    // Issue 16: copy with OSC 52. k9s copies with c, which is the contexts picker here: Y yanks (vim), Ctrl-Y the IP.
    { keys: ['Y'], command: 'copy.podName' },
    { keys: ['ctrl+y'], command: 'copy.podIp' },
  ],
  podActions: [
    { keys: ['return'], command: 'pod.containers', hint: true },
    { keys: ['d'], command: 'pod.describe', hint: true },
    { keys: ['y'], command: 'pod.yaml', hint: true },
    { keys: ['e'], command: 'pod.events', hint: true },
    { keys: ['l'], command: 'pod.logs', hint: true },
    { keys: ['p'], command: 'pod.previousLogs' },
    { keys: ['s'], command: 'pod.shell', hint: true },
    { keys: ['F'], command: 'pod.portForward', hint: true },
    { keys: ['f'], command: 'app.forwards' },
    { keys: ['ctrl+d'], command: 'pod.delete', hint: true },
    { keys: ['ctrl+k'], command: 'pod.kill' },
    { keys: ['P'], command: 'pod.ports', hint: true },
    { keys: ['i'], command: 'pod.inside', hint: true },
    // Issue 15 §2: a one-off client pod requests the pod's ports.
    { keys: ['R'], command: 'pod.reach' },
    // Issue 16: attach, k9s's key.
    { keys: ['a'], command: 'pod.attach' },
    // Issue 16: the logs of every pod of the pod's owner, merged (stern / kubetail).
    { keys: ['L'], command: 'pod.ownerLogs' },
    // Issue 16: the workload's pods by its selector (all its ReplicaSets' during a rollout); also from the
    // containers view, whose owner line names the workload.
    { keys: ['O'], command: 'pod.owner' },
  ],
  containers: [
    { keys: ['escape'], command: 'view.back', hint: true },
    { keys: ['return'], command: 'pod.logs' },
    { keys: ['up', 'k'], command: 'list.up' },
    { keys: ['down', 'j'], command: 'list.down' },
    { keys: ['g', 'home'], command: 'list.top' },
    { keys: ['G', 'end'], command: 'list.bottom' },
    // Issue 16: the restarts seen while watching, with the previous instances' last lines ("history").
    { keys: ['h'], command: 'containers.restarts', hint: true },
  ],
  text: [
    { keys: ['escape'], command: 'view.back', hint: true },
    ...SCROLL,
    { keys: ['G', 'end'], command: 'list.bottom' },
    { keys: ['/'], command: 'text.search', hint: true },
    { keys: ['n'], command: 'text.next', hint: true },
    { keys: ['N'], command: 'text.prev', hint: true },
    { keys: ['s', 'ctrl+s'], command: 'text.save', hint: true },
    { keys: ['r'], command: 'text.refresh', hint: true },
    // Issue 16: copy, k9s's key in its text views.
    { keys: ['c'], command: 'copy.text' },
  ],
  yaml: [{ keys: ['m'], command: 'yaml.managedFields', hint: true }],
  search: [
    { keys: ['return'], command: 'input.accept', hint: true },
    { keys: ['escape'], command: 'input.cancel', hint: true },
  ],
  logs: [
    { keys: ['escape'], command: 'view.back', hint: true },
    ...SCROLL,
    { keys: ['f', 'G', 'end'], command: 'logs.follow', hint: true },
    { keys: ['/'], command: 'logs.search', hint: true },
    { keys: ['n'], command: 'logs.next' },
    { keys: ['N'], command: 'logs.prev' },
    { keys: ['&'], command: 'logs.filter', hint: true },
    { keys: ['+'], command: 'logs.moreContext' },
    { keys: ['-'], command: 'logs.lessContext' },
    { keys: ['a'], command: 'logs.allContainers', hint: true },
    { keys: ['S'], command: 'logs.since', hint: true },
    { keys: ['D'], command: 'logs.sinceInput' },
    { keys: ['t'], command: 'logs.timestamps', hint: true },
    { keys: ['w'], command: 'logs.wrap', hint: true },
    { keys: ['J'], command: 'logs.json', hint: true },
    { keys: ['s', 'ctrl+s'], command: 'logs.save', hint: true },
    // Issue 16: copy the current line, k9s's key in its views.
    { keys: ['c'], command: 'copy.logLine' },
  ],
  forwards: [
    { keys: ['escape'], command: 'view.back', hint: true },
    { keys: ['up', 'k'], command: 'list.up' },
    { keys: ['down', 'j'], command: 'list.down' },
    // First and last forward, as in every k9s table.
    { keys: ['g', 'home'], command: 'list.top' },
    { keys: ['G', 'end'], command: 'list.bottom' },
    { keys: ['ctrl+d', 'x'], command: 'forwards.stop', hint: true },
    { keys: ['X'], command: 'forwards.stopAll', hint: true },
    { keys: ['return', 'h'], command: 'forwards.probe', hint: true },
  ],
  // Before the text view's keys: r reads the sockets again (the text view's r toggles auto-refresh).
  ports: [
    { keys: ['r'], command: 'ports.reread', hint: true },
    { keys: ['D'], command: 'ports.debug' },
  ],
  // In front of the text views' keys: r reads the files again instead of pausing the (live) API parts.
  inside: [{ keys: ['r'], command: 'inside.reread', hint: true }],
  reach: [
    { keys: ['escape'], command: 'view.back', hint: true },
    { keys: ['r'], command: 'reach.rerun', hint: true },
  ],
  apply: [
    { keys: ['escape'], command: 'view.back', hint: true },
    ...SCROLL,
    { keys: ['G', 'end'], command: 'list.bottom' },
    { keys: ['tab', 'left', 'right'], command: 'apply.switch', hint: true },
    { keys: ['return'], command: 'apply.confirm', hint: true },
  ],
  dialog: [
    { keys: ['tab', 'down'], command: 'dialog.next', hint: true },
    { keys: ['up'], command: 'dialog.prev' },
    { keys: ['space'], command: 'dialog.toggle', hint: true },
    { keys: ['return'], command: 'input.accept', hint: true },
    { keys: ['escape'], command: 'input.cancel', hint: true },
  ],
  filter: [
    { keys: ['return'], command: 'input.accept', hint: true },
    { keys: ['escape'], command: 'input.cancel', hint: true },
  ],
  command: [
    { keys: ['return'], command: 'input.accept', hint: true },
    { keys: ['escape'], command: 'input.cancel', hint: true },
    { keys: ['tab'], command: 'command.complete', hint: true },
  ],
  picker: [
    { keys: ['up'], command: 'list.up' },
    { keys: ['down'], command: 'list.down' },
    { keys: ['return'], command: 'picker.accept', hint: true },
    { keys: ['escape'], command: 'input.cancel', hint: true },
  ],
  help: [
    { keys: ['escape', '?', 'q'], command: 'modal.close', hint: true },
    { keys: ['up', 'k'], command: 'list.up' },
    { keys: ['down', 'j'], command: 'list.down' },
  ],
};

/** Scopes where typed characters are text (only the bound chords are commands). */
export const TEXT_SCOPES: ReadonlySet<Scope> = new Set(['filter', 'command', 'picker', 'search', 'dialog']);
