import { commandLineSummary } from './commandLine.js';

/**
 * Every command a key can trigger, with the words the hint bar and the help screen show. A key cannot exist
 * without a description: bindings refer to these ids, and hints and help are generated from both.
 */

export const COMMANDS = {
  'app.quit': { title: 'quit', help: 'Quit podscope' },
  'app.help': { title: 'help', help: 'Show every key of every view' },
  'app.suspend': { title: 'suspend', help: 'Suspend podscope to the shell (fg brings it back)' },
  'app.command': { title: 'command', help: `Command line: ${commandLineSummary()}` },
  'list.up': { title: 'up', help: 'Move the selection up' },
  'list.down': { title: 'down', help: 'Move the selection down' },
  'list.pageUp': { title: 'page up', help: 'Move one page up' },
  'list.pageDown': { title: 'page down', help: 'Move one page down' },
  'list.top': { title: 'top', help: 'Go to the first row' },
  'list.bottom': { title: 'bottom', help: 'Go to the last row' },
  'pods.filter': {
    title: 'filter',
    help: 'Filter: regex over the columns; !x inverts, -f x fuzzy, -l app=x label selector',
  },
  'pods.clearFilter': { title: 'clear', help: 'Clear the filter (and the label selector)' },
  'pods.sortPrev': { title: 'sort ←', help: 'Sort by the column to the left' },
  'pods.sortNext': { title: 'sort →', help: 'Sort by the column to the right' },
  'pods.sortReverse': { title: 'reverse', help: 'Reverse the sort direction' },
  'pods.allNamespaces': { title: 'all ns', help: 'Show pods of all namespaces' },
  'pods.favourite': {
    title: 'favourite ns',
    help: 'Switch to favourite namespace 1–9 (shown in the header)',
  },
  'pods.namespaces': { title: 'namespaces', help: 'Pick a namespace (type to filter)' },
  'pods.contexts': { title: 'contexts', help: 'Pick a kubeconfig context (reconnects)' },
  'pods.wide': {
    title: 'wide',
    help: 'Toggle the wide columns: nominated node, readiness gates, QoS, service account, labels',
  },
  'pods.columns': {
    title: 'columns',
    help: 'Scroll the columns sideways, to those off screen (the header names them)',
  },
  'pods.mark': { title: 'mark', help: 'Mark or unmark the selected pod for bulk actions' },
  'pods.clearMarks': { title: 'clear marks', help: 'Clear every mark (the header counts them)' },
  'pods.siblings': {
    title: 'siblings',
    help: "Filter the list to the selected pod's siblings (the same controlling owner)",
  },
  'pod.owner': {
    title: 'owner pods',
    help: "Filter the list to the pods of the selected pod's workload, by its selector (:owner)",
  },
  'pod.containers': { title: 'containers', help: "Open the pod's containers" },
  'pod.describe': { title: 'describe', help: 'Describe the pod, as kubectl describe pod does' },
  'pod.yaml': { title: 'yaml', help: 'The pod as YAML, as kubectl get pod -o yaml shows it' },
  'pod.events': { title: 'events', help: "The pod's events, live, newest first" },
  'pod.logs': { title: 'logs', help: 'Stream the logs of the pod (or the selected container)' },
  'pod.ownerLogs': {
    title: 'owner logs',
    help: "Stream the logs of every pod of the pod's owner, merged in time order (:logs deploy/NAME, -l SELECTOR)",
  },
  'pod.previousLogs': { title: 'previous', help: "The previous container's logs (after a restart)" },
  'pod.shell': { title: 'shell', help: 'Open a shell in the pod (or the selected container)' },
  'pod.portForward': {
    title: 'port-fwd',
    help: 'Forward a local port to the pod (or the selected container)',
  },
  'pod.delete': { title: 'delete', help: 'Delete the selected (or marked) pods, after confirming' },
  'pod.kill': {
    title: 'kill',
    help: 'Kill the selected (or marked) pods: delete with a 1 s grace, after confirming',
  },
  'app.forwards': { title: 'forwards', help: 'List the port-forwards (:pf)' },
  'view.back': { title: 'back', help: 'Go back to the previous view, with the same selection' },
  'text.search': { title: 'search', help: 'Search (regex; case-insensitive unless it has capitals)' },
  'text.next': { title: 'next', help: 'Go to the next match' },
  'text.prev': { title: 'prev', help: 'Go to the previous match' },
  'text.save': { title: 'save', help: 'Save the text to a file (the path is shown)' },
  'text.refresh': { title: 'auto-refresh', help: 'Toggle auto-refresh (the view follows the cluster)' },
  'yaml.managedFields': { title: 'managedFields', help: 'Show or hide metadata.managedFields' },
  'logs.follow': { title: 'follow', help: 'Follow the newest lines again (scrolling up pauses)' },
  'logs.search': {
    title: 'search',
    help: 'Search every retained line (regex; case-insensitive unless it has capitals); empty clears',
  },
  'logs.next': { title: 'next', help: 'Go to the next match (newer)' },
  'logs.prev': { title: 'prev', help: 'Go to the previous match (older)' },
  'logs.filter': {
    title: 'filter',
    help: 'Show only the lines matching a regex, with context lines around them; empty shows all',
  },
  'logs.moreContext': { title: 'context +', help: 'One more context line around each filter match' },
  'logs.lessContext': { title: 'context −', help: 'One context line fewer around each filter match' },
  'logs.allContainers': {
    title: 'all containers',
    help: "Switch between the container and all the pod's containers merged in time order",
  },
  'logs.since': { title: 'since', help: 'Cycle where the logs start: tail 100, 1m, 5m, 15m, 1h, all' },
  'logs.sinceInput': {
    title: 'since…',
    help: 'Type where the logs start: tail N, a duration (90s, 2h30m), all',
  },
  'logs.timestamps': { title: 'timestamps', help: 'Show or hide each line’s timestamp' },
  'logs.wrap': { title: 'wrap', help: 'Wrap long lines, or cut them at the edge' },
  'logs.json': { title: 'json', help: 'Show JSON lines as level, message and key=value fields' },
  'logs.save': { title: 'save', help: 'Save every retained line to a file (the path is shown)' },
  'forwards.stop': { title: 'stop', help: 'Stop the selected port-forward' },
  'forwards.stopAll': { title: 'stop all', help: 'Stop every port-forward' },
  'forwards.probe': { title: 'probe', help: "Send an HTTP GET to the forward's URL and show the answer" },
  'dialog.next': { title: 'next field', help: 'Move to the next field or button' },
  'dialog.prev': { title: 'prev field', help: 'Move to the previous field or button' },
  'dialog.toggle': { title: 'toggle', help: 'Toggle the focused option' },
  'input.accept': { title: 'apply', help: 'Apply what you typed' },
  'input.cancel': { title: 'cancel', help: 'Cancel' },
  'picker.accept': { title: 'select', help: 'Select the highlighted item' },
  'modal.close': { title: 'close', help: 'Close' },
  'pod.ports': {
    title: 'ports',
    help: "Check the pod's ports: declared ports beside what listens in it (/proc/net/tcp through exec) (:ports)",
  },
  'ports.reread': { title: 'read again', help: 'Read the listening sockets again' },
  'ports.debug': {
    title: 'debug container',
    help: 'No container has cat: add a debug container (busybox), after confirming, and read from it',
  },
  'pod.inside': {
    title: 'inside',
    help: 'Inside the pod: IPs, sandbox, DNS and its /etc files, service-account token, volumes, security (:inside)',
  },
  'inside.reread': { title: 're-read', help: 'Read the files inside the container again (through exec)' },
  // Issue 15 §2: reach the pod from a one-off client pod (seed 001's kubectl run --rm … curl IP:PORT).
  'pod.reach': {
    title: 'reach',
    help: 'Reach the pod from inside the cluster: a one-off client pod requests each declared port, then is deleted (:reach [PORT])',
  },
  'reach.rerun': {
    title: 'run again',
    help: 'Run the reach probe again (with a new client pod, after confirming)',
  },
  'pods.apply': {
    title: 'apply',
    help: 'Apply a manifest file (:apply FILE): a server-side dry run to confirm, then apply; :delete -f FILE deletes',
  },
  'command.complete': { title: 'complete', help: 'Complete the file path (apply, delete -f)' },
  'apply.switch': { title: 'Cancel/Apply', help: 'Move between the Cancel and Apply buttons' },
  'apply.confirm': { title: 'confirm', help: 'Press the focused button (focus starts on Cancel)' },
  // Issue 16: alerts, restart history, copy (OSC 52).
  'alerts.jump': {
    title: 'last alert',
    help: 'Select the pod that alerted last (CrashLoopBackOff, OOMKilled, Error, Evicted, ImagePullBackOff); clears a filter hiding it',
  },
  'containers.restarts': {
    title: 'restarts',
    help: "The selected container's restarts seen while podscope ran, each with its previous instance's last lines",
  },
  'copy.podName': {
    title: 'copy name',
    help: "Copy the pod's name to the clipboard (OSC 52: works through ssh and tmux)",
  },
  'copy.podIp': { title: 'copy IP', help: "Copy the pod's IP to the clipboard (OSC 52)" },
  'copy.text': { title: 'copy', help: 'Copy the whole text to the clipboard (OSC 52)' },
  'pod.attach': {
    title: 'attach',
    help: "Attach to the container's main process (kubectl attach -it); Ctrl-P Ctrl-Q detaches",
  },
  'copy.logLine': {
    title: 'copy line',
    help: 'Copy the current log line (the search match, else the last line on screen) to the clipboard (OSC 52)',
  },
} as const satisfies Record<string, { title: string; help: string }>;

export type CommandId = keyof typeof COMMANDS;
