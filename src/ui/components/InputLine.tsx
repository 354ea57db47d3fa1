/** A one-line text input (the `/` filter and the `:` command line): prompt, text, a block cursor. */
import { Text } from 'ink';
import { theme } from '../theme.js';

export interface InputLineProps {
  prompt: string;
  value: string;
  /** A problem with the value (an invalid regex), shown after it. */
  error?: string | undefined;
}

export function InputLine({ prompt, value, error }: InputLineProps) {
  return (
    <Text wrap="truncate">
      <Text color={theme.accent} bold>
        {prompt}
      </Text>
      {value}
      <Text inverse> </Text>
      {error ? <Text color={theme.error}>{'  ' + error}</Text> : null}
    </Text>
  );
}
