/**
 * Kubernetes resource quantities (`250m`, `123456789n`, `1.5Gi`, `64Ki`, `1e3`) as numbers, and the CPU/MEM texts
 * `kubectl top pod` prints for them. Parsed from the digits rather than through floats so `7m` stays exactly 7
 * millicores and rounding matches kubectl's (CPU rounds up to a millicore, memory down to a MiB).
 */

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const QUANTITY = /^([+-]?)(\d+)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

const MEBIBYTE = 2 ** 20;

/**
 * A quantity multiplied by 10^scale and rounded, e.g. `scaleQuantity('250m', 3, Math.ceil)` → 250 millicores.
 * @param quantity the API's quantity string
 * @param scale the power of ten to multiply by (3 for milli-units, 0 for plain units)
 * @param round how to make the result a whole number
 * @returns undefined when the string is not a quantity
 */
export function scaleQuantity(
  quantity: string,
  scale: number,
  round: (n: number) => number,
): number | undefined {
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = '', suffix = '', exponent] = match;
  let exp10 = scale - fraction.length;
  let value = Number(whole! + fraction);
  if (exponent !== undefined) exp10 += Number(exponent);
  else if (suffix in BINARY_SUFFIX) value *= 2 ** BINARY_SUFFIX[suffix]!;
  else exp10 += DECIMAL_SUFFIX[suffix]!;
  // Division by an exact power of ten is exact whenever the true result is a whole number, so `7000000n` → 7.
  value = exp10 >= 0 ? value * 10 ** exp10 : value / 10 ** -exp10;
  const rounded = round(value);
  return sign === '-' ? -rounded : rounded;
}

/**
 * CPU as `kubectl top` prints it: whole millicores with an `m`, e.g. `124m`.
 * @param millicores the usage in thousandths of a core
 */
export function formatCpu(millicores: number): string {
  return `${millicores}m`;
}

/**
 * Memory as `kubectl top` prints it: whole mebibytes, rounded down, e.g. `45Mi`.
 * @param bytes the usage in bytes
 */
export function formatMemory(bytes: number): string {
  return `${Math.floor(bytes / MEBIBYTE)}Mi`;
}
