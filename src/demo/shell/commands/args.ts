/** Option parsing as getopt does it: clustered short flags (`-tlnp`), values attached or separate (`-qO-`, `-O -`). */

/** Options and operands of a command line. */
export interface ParsedArgs {
  /** Flags seen, by short name; value options map to their (last) value. */
  flags: Map<string, string | true>;
  operands: string[];
  /** The first option not in the spec, for an "invalid option" message. */
  invalid?: string;
}

/** Which options a program accepts. */
export interface ArgSpec {
  /** Short flags without a value, e.g. `'zvn'`. */
  flags: string;
  /** Short options that take a value, e.g. `'Ow'`. */
  values?: string;
  /** Long names (`quiet`, `output-document`) → the short option they stand for. */
  long?: Record<string, string>;
  /** Take numbers like `-5` as the value of this option (`head -5`). */
  numberAs?: string;
}

/** Splits `args` (without argv[0]) into flags and operands. */
export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const flags = new Map<string, string | true>();
  const operands: string[] = [];
  const values = spec.values ?? '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const short = spec.long[name];
      if (short === undefined) return { flags, operands, invalid: a };
      if (values.includes(short)) {
        const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (value === undefined) return { flags, operands, invalid: a };
        flags.set(short, value);
      } else {
        flags.set(short, true);
      }
      continue;
    }
    if (a.length < 2 || !a.startsWith('-')) {
      operands.push(a);
      continue;
    }
    if (spec.numberAs && /^-\d+$/.test(a)) {
      flags.set(spec.numberAs, a.slice(1));
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (values.includes(f)) {
        const rest = a.slice(j + 1);
        const value = rest !== '' ? rest : args[++i];
        if (value === undefined) return { flags, operands, invalid: f };
        flags.set(f, value);
        break;
      }
      if (!spec.flags.includes(f)) return { flags, operands, invalid: f };
      flags.set(f, true);
    }
  }
  return { flags, operands };
}
