/**
 * The `-n NAMESPACE` of a command line's argument, in the forms kubectl's flag parser (pflag) takes:
 * `-n NS`, `-nNS`, `-n=NS`, `--namespace NS`, `--namespace=NS`, anywhere among the other words. `:pf` and `:logs`
 * take it, so a workload in another namespace than the list's is reachable without switching. Pure.
 */

export type NamespaceFlag =
  { readonly rest: string; readonly namespace: string | undefined } | { readonly error: string };

/** A namespace as the API server names them (a DNS-1123 label). */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Takes the namespace flag out of `arg`: the other words (joined by single spaces) and the namespace, or one line
 * saying what is wrong (a flag without a value, a value that cannot be a namespace, two different namespaces).
 */
export function takeNamespaceFlag(arg: string): NamespaceFlag {
  const words = arg
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const rest: string[] = [];
  let namespace: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let value: string | undefined;
    if (w === '-n' || w === '--namespace') {
      value = words[++i];
      if (value === undefined) return { error: `flag needs an argument: ${w}` };
    } else if (w.startsWith('--namespace=')) value = w.slice('--namespace='.length);
    else if (w.startsWith('-n') && !w.startsWith('--')) value = w.slice(w[2] === '=' ? 3 : 2);
    else {
      rest.push(w);
      continue;
    }
    if (!NAMESPACE.test(value) || value.length > 63)
      return { error: `"${value}" is not a namespace name (lowercase letters, digits and "-")` };
    if (namespace !== undefined && namespace !== value)
      return { error: `two namespaces given: ${namespace} and ${value}` };
    namespace = value;
  }
  return { rest: rest.join(' '), namespace };
}
