/**
 * Kubernetes resource quantities (`123456n`, `250m`, `2`, `1.5`, `34Ki`, `5Mi`, `1Gi`, `1e3`, `2k`) as numbers,
 * following apimachinery's `resource.Quantity` suffixes: binary (Ki…Ei), decimal SI (n, u, m, k, M…E) and
 * decimal exponents.
 */

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/;

/**
 * The value of a quantity in base units (cores, bytes), or undefined when it is not a quantity.
 * @param q e.g. "250m", "64Mi", "1e3"
 */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  return n * SUFFIX[m[3] ?? '']!;
}

/**
 * CPU in millicores, rounded up as `Quantity.MilliValue()` does (`kubectl top` prints that), so a container
 * using 100 nanocores shows 1m, not 0m.
 * @param q e.g. "123456789n", "250m", "2"
 */
export function cpuMillis(q: string): number | undefined {
  const cores = parseQuantity(q);
  // Rounded to the nanocore first, so binary floating point (0.3 cores = 299.99999…m) does not push a whole
  // value up by one.
  return cores === undefined ? undefined : Math.ceil(Math.round(cores * 1e9) / 1e6);
}

/**
 * Memory in bytes, rounded up to a whole byte.
 * @param q e.g. "34Ki", "5Mi", "1Gi", "128974848"
 */
export function memoryBytes(q: string): number | undefined {
  const bytes = parseQuantity(q);
  return bytes === undefined ? undefined : Math.ceil(Math.round(bytes * 1000) / 1000);
}
