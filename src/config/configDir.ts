/**
 * Where podscope keeps what it remembers between runs: `$XDG_CONFIG_HOME/podscope`, else `~/.config/podscope`
 * (the XDG Base Directory Specification: a relative `XDG_CONFIG_HOME` is invalid and ignored, as is an empty one).
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function configDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env['XDG_CONFIG_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'podscope');
}
