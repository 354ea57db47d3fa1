/**
 * Every command a key can trigger, with the words the hint bar and the help screen show. A key cannot exist
 * without a description: bindings refer to these ids, and hints and help are generated from both.
 */

export const COMMANDS = {
  'app.quit': { title: 'quit', help: 'Quit podscope' },
  'app.help': { title: 'help', help: 'Show every key of every view' },
  'app.suspend': { title: 'suspend', help: 'Suspend podscope to the shell (fg brings it back)' },
  'app.command': { title: 'command', help: 'Command line: :ns [NAME], :ctx [NAME], :q' },
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
  'pods.mark': { title: 'mark', help: 'Mark or unmark the selected pod for bulk actions' },
  'input.accept': { title: 'apply', help: 'Apply what you typed' },
  'input.cancel': { title: 'cancel', help: 'Cancel' },
  'picker.accept': { title: 'select', help: 'Select the highlighted item' },
  'modal.close': { title: 'close', help: 'Close' },
} as const satisfies Record<string, { title: string; help: string }>;

export type CommandId = keyof typeof COMMANDS;
