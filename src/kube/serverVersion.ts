/**
 * The API server's release, asked once at connect (`GET /version`, what `kubectl version` reads), so the STATUS
 * column follows that server's pod printer: kubectl shows the Table the server prints, and printers differ between
 * releases (src/domain/printerVersion.ts). Nothing here ever fails the connection: a version that cannot be read —
 * refused, timed out, forbidden (a restricted user may be refused /version), not JSON, naming no release — means
 * the newest printer's rules, and is noted in the debug log.
 */
import { debug } from '../debugLog.js';
import { minorOfVersion, setPrinterMinor } from '../domain/printerVersion.js';
import { isObject } from './decode/read.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { getJson } from './request.js';

/**
 * Asks the server its version and follows its printer from now on (the newest when it can't be told).
 * @param kc the kubeconfig, with its current context selected
 * @param timeoutMs how long to wait (the connection check waits as long)
 * @returns the minor version followed, or undefined for the newest printer
 */
export async function learnServerVersion(
  kc: KubeConfigLike,
  timeoutMs = 10_000,
): Promise<number | undefined> {
  let minor: number | undefined;
  try {
    const info = await getJson(kc, '/version', { timeoutMs });
    minor = isObject(info) ? minorOfVersion(info) : undefined;
    if (minor === undefined) debug(`server version: no Kubernetes release in ${JSON.stringify(info)}`);
  } catch (e) {
    debug(`server version: ${e instanceof Error ? e.message : String(e)}`);
  }
  setPrinterMinor(minor);
  debug(`pod printer: ${minor === undefined ? 'newest' : `1.${minor}`}`);
  return minor;
}
