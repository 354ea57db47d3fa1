/**
 * The order in which go-yaml v2 (under sigs.k8s.io/yaml, what `kubectl get -o yaml` uses) writes mapping keys:
 * a "natural" order where runs of digits compare as numbers (`app2` before `app10`), letters compare by code
 * point, and a non-letter sorts before a letter (`a_b` before `app`). A port of `keyList.Less` for string keys.
 */

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Compares two mapping keys as go-yaml v2 sorts them.
 * @returns negative when `a` comes first
 */
export function compareYamlKeys(a: string, b: string): number {
  return less(a, b) ? -1 : less(b, a) ? 1 : 0;
}

function less(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}
