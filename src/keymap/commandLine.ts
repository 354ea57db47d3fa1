/**
 * The command line (`:`) as data: each verb with its aliases and what it does. The help line of `:`, the error for
 * an unknown verb and the handler all read this one table, so a verb the help names always runs.
 */

export type ColonCommandId =
  | 'namespace'
  | 'context'
  | 'forwards'
  | 'pods'
  | 'quit'
  | 'ports'
  | 'inside'
  | 'reach'
  | 'apply'
  | 'delete'
  // Issue 16: a workload's logs.
  | 'logs'
  | 'owner'
  | 'restart'
  | 'scale';

export interface ColonCommand {
  readonly id: ColonCommandId;
  /** The first is the one the help shows. */
  readonly verbs: readonly string[];
  /** Shown after the verb in the help, e.g. `[NAME]`. */
  readonly arg?: string;
}

export const COLON_COMMANDS: readonly ColonCommand[] = [
  { id: 'namespace', verbs: ['ns', 'namespace'], arg: '[NAME]' },
  { id: 'context', verbs: ['ctx', 'context'], arg: '[NAME]' },
  // k9s names the port-forwards list `:pf` (also `:portforward`).
  // Issue 16: with an argument, `:pf svc/NAME LOCAL:REMOTE` starts a forward that follows a Service or workload.
  { id: 'forwards', verbs: ['pf', 'portforward', 'portforwards', 'forwards'], arg: '[TYPE/NAME L:R]' },
  { id: 'pods', verbs: ['pods', 'po', 'pod', ''] },
  { id: 'quit', verbs: ['q', 'q!', 'quit'] },
  // The selected pod's ports check (P).
  { id: 'ports', verbs: ['ports'] },
  { id: 'inside', verbs: ['inside'] },
  { id: 'reach', verbs: ['reach'], arg: '[PORT]' },
  // Issue 15 §1: kubectl's verbs for a manifest (`apply -f FILE`, `delete -f FILE`); `-f` is optional for apply.
  { id: 'apply', verbs: ['apply'], arg: 'FILE' },
  { id: 'delete', verbs: ['delete'], arg: '-f FILE' },
  // Issue 16: the logs of every pod of a workload or a selector, merged (kubectl logs deploy/NAME, -l SELECTOR).
  { id: 'logs', verbs: ['logs', 'log'], arg: 'deploy/NAME|-l SELECTOR' },
  // Issue 16: the selected pod's owner — its pods (as O), a rollout restart, a scale through the scale subresource.
  { id: 'owner', verbs: ['owner'] },
  { id: 'restart', verbs: ['restart'] },
  { id: 'scale', verbs: ['scale'], arg: 'N' },
];

export type ParsedCommandLine =
  | { readonly kind: 'command'; readonly id: ColonCommandId; readonly arg: string | undefined }
  | { readonly kind: 'unknown'; readonly verb: string };

/**
 * `ns frontend` → the namespace command with its argument; a verb nobody declared → unknown. The argument is the
 * rest of the line after the verb (trimmed; undefined when empty), so a file path may hold spaces.
 */
export function parseCommandLine(line: string): ParsedCommandLine {
  const trimmed = line.trim();
  const verb = /^\S*/.exec(trimmed)?.[0] ?? '';
  const rest = trimmed.slice(verb.length).trim();
  const arg = rest === '' ? undefined : rest;
  const command = COLON_COMMANDS.find((c) => c.verbs.includes(verb));
  return command ? { kind: 'command', id: command.id, arg } : { kind: 'unknown', verb };
}

/** `:ns [NAME], :ctx [NAME], :pf, :pods, :q` — for the help and the unknown-verb message. */
export function commandLineSummary(): string {
  return COLON_COMMANDS.map((c) => `:${c.verbs[0]!}${c.arg ? ` ${c.arg}` : ''}`).join(', ');
}
