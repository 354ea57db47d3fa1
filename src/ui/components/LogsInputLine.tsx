/** The logs view's input line: `/` search, `&` filter (both regex) or `since:` (tail N, a duration, all). */
import { compilePattern } from '../../logs/matcher.js';
import { parseSince } from '../../logs/sinceOption.js';
import type { LogsInput } from '../../state/uiState.js';
import { InputLine } from './InputLine.js';

const PROMPTS: Record<LogsInput, string> = { search: '/', filter: '&', since: 'since: ' };

/** What is wrong with the draft so far, if anything (an empty draft clears, so it is fine). */
function problem(input: LogsInput, draft: string): string | undefined {
  if (draft.trim() === '')
    return input === 'since' ? 'tail N, a duration such as 5m or 2h30m, or all' : undefined;
  try {
    if (input === 'since') parseSince(draft);
    else compilePattern(draft);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function LogsInputLine({ input, draft }: { input: LogsInput; draft: string }) {
  return <InputLine prompt={PROMPTS[input]} value={draft} error={problem(input, draft)} />;
}
