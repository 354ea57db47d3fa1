/**
 * Keys as data: per scope, which chords run which command, and which of them the hint bar shows. The input
 * router, the hint bar and the help screen all read this one table.
 */
import type { CommandId } from './commands.js';

/** Where a key applies. Scopes are tried in order: the open modal, then the view, then global. */
export type Scope = 'global' | 'pods' | 'filter' | 'command' | 'picker' | 'help';

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
  filter: 'Filter input',
  command: 'Command line',
  picker: 'Namespace and context pickers',
  help: 'Help',
};

export const BINDINGS: Record<Scope, readonly Binding[]> = {
  global: [
    { keys: ['q', 'ctrl+c'], command: 'app.quit', hint: true },
    { keys: ['?'], command: 'app.help', hint: true },
    { keys: [':'], command: 'app.command' },
    { keys: ['ctrl+z'], command: 'app.suspend' },
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
    { keys: ['space'], command: 'pods.mark', hint: true },
  ],
  filter: [
    { keys: ['return'], command: 'input.accept', hint: true },
    { keys: ['escape'], command: 'input.cancel', hint: true },
  ],
  command: [
    { keys: ['return'], command: 'input.accept', hint: true },
    { keys: ['escape'], command: 'input.cancel', hint: true },
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
export const TEXT_SCOPES: ReadonlySet<Scope> = new Set(['filter', 'command', 'picker']);
