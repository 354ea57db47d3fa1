/** Finding the command for a chord, and the hint and help lines, from the binding table. */
import type { Binding, Scope } from './bindings.js';
import { BINDINGS, SCOPE_TITLES } from './bindings.js';
import { chordLabel } from './chord.js';
import type { CommandId } from './commands.js';
import { COMMANDS } from './commands.js';
import type { DisabledReason } from './disabled.js';

/** Why a command cannot run now (see disabled.ts); undefined when it can. */
export type DisabledFn = (command: CommandId) => DisabledReason | undefined;

/** The first binding of the first scope that has the chord. */
export function resolve(
  scopes: readonly Scope[],
  chord: string,
): { command: CommandId; scope: Scope } | undefined {
  for (const scope of scopes) {
    const b = BINDINGS[scope].find((x) => x.keys.includes(chord));
    if (b) return { command: b.command, scope };
  }
  return undefined;
}

export interface Hint {
  /** The command the keys run (the hint bar ranks hints by it when the line is too narrow for all). */
  command: CommandId;
  keys: string;
  title: string;
  /** Set when the command cannot run now: the hint bar marks it and says why. */
  disabled?: DisabledReason;
}

function keysLabel(b: Binding): string {
  if (b.command === 'pods.favourite') return '1–9';
  return b.keys.map(chordLabel).join('/');
}

/**
 * The hint bar for the active scopes: hinted bindings, global ones (quit, help) first so a narrow terminal still
 * shows how to get out and where the rest is, then the most specific scope's.
 */
export function hints(scopes: readonly Scope[], disabled: DisabledFn = () => undefined): Hint[] {
  // A binding whose keys an earlier scope takes never runs here: it is not offered.
  const live = new Set<Binding>();
  const claimed = new Set<string>();
  for (const scope of scopes) {
    for (const b of BINDINGS[scope]) if (b.keys.some((k) => !claimed.has(k))) live.add(b);
    for (const b of BINDINGS[scope]) for (const k of b.keys) claimed.add(k);
  }
  const out: Hint[] = [];
  const ordered = [...scopes].sort((a, b) => (a === 'global' ? -1 : b === 'global' ? 1 : 0));
  for (const scope of ordered) {
    for (const b of BINDINGS[scope])
      if (b.hint && live.has(b)) {
        const why = disabled(b.command);
        out.push({
          command: b.command,
          keys: keysLabel(b),
          title: COMMANDS[b.command].title,
          ...(why ? { disabled: why } : {}),
        });
      }
  }
  return out;
}

export interface HelpSection {
  title: string;
  /** `disabled`: why the command cannot run now, if it cannot. */
  rows: { keys: string; help: string; disabled?: string }[];
}

/** Every key of every scope, for the help screen; commands that cannot run now say why. */
export function helpSections(disabled: DisabledFn = () => undefined): HelpSection[] {
  return (Object.keys(BINDINGS) as Scope[]).map((scope) => ({
    title: SCOPE_TITLES[scope],
    rows: BINDINGS[scope].map((b) => {
      const why = disabled(b.command);
      return { keys: keysLabel(b), help: COMMANDS[b.command].help, ...(why ? { disabled: why.text } : {}) };
    }),
  }));
}
