/**
 * The shells and tool sets the demo imitates, and the places where their wording differs. An image whose shells
 * include bash is Debian-like (`sh` is dash, GNU coreutils); otherwise it is busybox-like (`sh` is ash, busybox
 * applets), which is what busybox and alpine images are.
 */

/** Which shell program runs. */
export type ShellKind = 'ash' | 'dash' | 'bash';

/** Which tool set answers `ls`, `cat`…: their error messages differ. */
export type Userland = 'busybox' | 'gnu';

/** A shell's identity: which program, invoked under which name (`$0`), with which tools around it. */
export interface Dialect {
  shell: ShellKind;
  userland: Userland;
  /** argv[0] as invoked (`sh`, `/bin/sh`, `bash`): shells print it in their messages. */
  arg0: string;
}

/** Where a message comes from, for shells that put the line number or `-c` into it. */
export interface MessageContext {
  interactive: boolean;
  lineNo: number;
  /** Running a `-c` string: bash then says `bash: -c: line 1:` in syntax errors. */
  commandString?: boolean;
}

/** The userland of an image with these shells. */
export function userlandOf(shells: readonly string[]): Userland {
  return shells.includes('bash') ? 'gnu' : 'busybox';
}

/** The directory the image keeps programs in, as `which` prints it. */
export function binDir(userland: Userland): string {
  return userland === 'busybox' ? '/bin' : '/usr/bin';
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The prefix of a shell's error messages: `sh: `, `sh: 1: ` (dash counts lines), `bash: ` (interactive) or
 * `bash: line 1: ` (script or -c).
 */
export function messagePrefix(d: Dialect, ctx: MessageContext): string {
  switch (d.shell) {
    case 'ash':
      return `${d.arg0}: `;
    case 'dash':
      return `${d.arg0}: ${ctx.lineNo}: `;
    case 'bash':
      return ctx.interactive ? `${baseName(d.arg0)}: ` : `${d.arg0}: line ${ctx.lineNo}: `;
  }
}

/** `sh: foo: not found` / `sh: 1: foo: not found` / `bash: foo: command not found`. */
export function notFoundMessage(d: Dialect, ctx: MessageContext, name: string): string {
  const what = d.shell === 'bash' ? 'command not found' : 'not found';
  return `${messagePrefix(d, ctx)}${name}: ${what}\n`;
}

function syntaxPrefix(d: Dialect, ctx: MessageContext): string {
  if (d.shell === 'bash' && ctx.commandString) return `${d.arg0}: -c: line ${ctx.lineNo}: `;
  return messagePrefix(d, ctx);
}

/** What each shell says about an unexpected token. */
export function syntaxErrorMessage(d: Dialect, ctx: MessageContext, token: string): string {
  const prefix = syntaxPrefix(d, ctx);
  switch (d.shell) {
    case 'ash':
      return `${prefix}syntax error: unexpected ${token === 'newline' ? 'newline' : `"${token}"`}\n`;
    case 'dash':
      return `${prefix}Syntax error: ${token === 'newline' ? 'newline' : `"${token}"`} unexpected\n`;
    case 'bash':
      return `${prefix}syntax error near unexpected token \`${token}'\n`;
  }
}

/** A command line cut off by the end of input: inside quotes (`quote`), or after `|`, `&&`, `$(`… */
export function unterminatedMessage(d: Dialect, ctx: MessageContext, quote?: string): string {
  const prefix = syntaxPrefix(d, ctx);
  switch (d.shell) {
    case 'ash':
      return `${prefix}syntax error: ${quote ? 'unterminated quoted string' : 'unexpected end of file'}\n`;
    case 'dash':
      return `${prefix}Syntax error: ${quote ? 'Unterminated quoted string' : 'end of file unexpected'}\n`;
    case 'bash':
      return (
        (quote ? `${prefix}unexpected EOF while looking for matching \`${quote}'\n` : '') +
        `${prefix}syntax error: unexpected end of file\n`
      );
  }
}

/** A redirection target that cannot be created (missing directory). */
export function cannotCreateMessage(d: Dialect, ctx: MessageContext, path: string, isDir: boolean): string {
  const prefix = messagePrefix(d, ctx);
  switch (d.shell) {
    case 'ash':
      return `${prefix}can't create ${path}: ${isDir ? 'Is a directory' : 'nonexistent directory'}\n`;
    case 'dash':
      return `${prefix}cannot create ${path}: ${isDir ? 'Is a directory' : 'Directory nonexistent'}\n`;
    case 'bash':
      return `${prefix}${path}: ${isDir ? 'Is a directory' : 'No such file or directory'}\n`;
  }
}

/** An input redirection from a missing file. */
export function cannotOpenMessage(d: Dialect, ctx: MessageContext, path: string): string {
  const prefix = messagePrefix(d, ctx);
  switch (d.shell) {
    case 'ash':
      return `${prefix}can't open '${path}': No such file or directory\n`;
    case 'dash':
      return `${prefix}cannot open ${path}: No such file\n`;
    case 'bash':
      return `${prefix}${path}: No such file or directory\n`;
  }
}

/** `cd` to a directory that does not exist. */
export function cdFailedMessage(d: Dialect, ctx: MessageContext, path: string, notDir: boolean): string {
  const prefix = messagePrefix(d, ctx);
  const reason = notDir ? 'Not a directory' : 'No such file or directory';
  switch (d.shell) {
    case 'ash':
      return `${prefix}cd: can't cd to ${path}: ${reason}\n`;
    case 'dash':
      return `${prefix}cd: can't cd to ${path}\n`;
    case 'bash':
      return `${prefix}cd: ${path}: ${reason}\n`;
  }
}

/** The interactive prompt of a root shell: `/ # ` (busybox), `# ` (dash), `root@web:/# ` (Debian's bash). */
export function promptFor(d: Dialect, cwd: string, home: string, hostname: string): string {
  switch (d.shell) {
    case 'ash':
      return `${tildeCwd(cwd, home)} # `;
    case 'dash':
      return '# ';
    case 'bash':
      return `root@${hostname}:${tildeCwd(cwd, home)}# `;
  }
}

function tildeCwd(cwd: string, home: string): string {
  if (home !== '/' && (cwd === home || cwd.startsWith(home + '/'))) return '~' + cwd.slice(home.length);
  return cwd;
}
