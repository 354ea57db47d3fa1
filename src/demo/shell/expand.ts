/**
 * Word expansion at run time: `~`, variables (`$?` included) and command substitution, then field splitting of
 * what was not quoted. No globbing: `*` stays a literal star.
 */
import type { Word } from './parser.js';
import type { ShellState } from './state.js';

/** Runs `$(…)`'s script in a subshell and returns its output without trailing newlines. */
export type Substitute = (script: string) => Promise<string>;

/** Expands a word into fields: variables and `$(…)` outside quotes split at blanks, an empty one vanishes. */
export async function expandWord(word: Word, state: ShellState, substitute: Substitute): Promise<string[]> {
  const fields: string[] = [];
  let current = '';
  let started = false;
  for (const part of word) {
    if (part.kind === 'text') {
      current += part.text;
      started ||= part.quoted || part.text !== '';
      continue;
    }
    if (part.kind === 'tilde') {
      current += state.vars.get('HOME') ?? '/root';
      started = true;
      continue;
    }
    const value = part.kind === 'var' ? variable(part.name, state) : await substitute(part.script);
    if (part.quoted) {
      current += value;
      started = true;
      continue;
    }
    value.split(/[ \t\n]+/).forEach((piece, k) => {
      if (k > 0) {
        if (started) fields.push(current);
        current = '';
        started = false;
      }
      if (piece !== '') {
        current += piece;
        started = true;
      }
    });
  }
  if (started) fields.push(current);
  return fields;
}

/** Expands without splitting, for assignments and redirection targets (`A=$B`, `> $FILE`). */
export async function expandJoined(word: Word, state: ShellState, substitute: Substitute): Promise<string> {
  const quoted = word.map((p) => (p.kind === 'tilde' ? p : { ...p, quoted: true }));
  return (await expandWord(quoted, state, substitute)).join(' ');
}

function variable(name: string, state: ShellState): string {
  switch (name) {
    case '?':
      return String(state.lastStatus);
    case '$':
      return String(state.pid);
    case '0':
      return state.dialect.arg0;
    case '#':
      return '0';
    case '-':
      return state.interactive ? 'i' : '';
    default:
      return state.vars.get(name) ?? '';
  }
}
