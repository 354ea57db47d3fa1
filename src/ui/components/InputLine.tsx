/** A one-line text input (the `/` filter and the `:` command line): prompt, text, a block cursor. */
import { Text } from 'ink';
import { theme } from '../theme.js';

export interface InputLineProps {
  prompt: string;
  value: string;
  /** A problem with the value (an invalid regex), shown after it. */
  error?: string | undefined;
  /** Something to know about the value (the command line's path completions), shown muted after it. */
  note?: string | undefined;
}

export function InputLine({ prompt, value, error, note }: InputLineProps) {
  return (
    <Text wrap="truncate">
      <Text color={theme.accent} bold>
        {prompt}
      </Text>
      {value}
      <Text inverse> </Text>
      {error ? <Text color={theme.error}>{'  ' + error}</Text> : null}
      {note ? <Text color={theme.muted}>{'  ' + note}</Text> : null}
    </Text>
  );
}
