/** Bad command-line input: one line saying what is wrong, the usage line, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** Checks that a numeric flag is a whole number within bounds; returns it. */
export function intFlag(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
  usage: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`, usage);
  }
  return value;
}

/** Flags that meow did not recognise, as written on the command line. */
export function unknownFlags(argv: readonly string[], known: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    if (a === '--') break;
    if (!a.startsWith('-') || /^-\d/.test(a)) continue;
    const name = a.replace(/^--?/, '').split('=')[0]!;
    const bare = name.startsWith('no-') ? name.slice(3) : name;
    if (!known.includes(name) && !known.includes(bare)) out.push(a);
  }
  return out;
}
