/**
 * Which Kubernetes release's pod printer podscope's STATUS column follows. `kubectl get pods` shows the table the
 * API server prints (server-side Table, `printPod` of the server's own release), so podscope follows the server it
 * talks to: the minor version `GET /version` reported at connect (src/kube/serverVersion.ts sets it). Until then,
 * and for a server whose version cannot be read, the newest printer's rules apply.
 *
 * The printers differ from one release to the next only where test/fixtures/pods/printers_test/README.md says;
 * src/domain/podStatus.ts holds the rules and the release each appeared in.
 */

/** Stands for "the newest printer": every rule applies, whatever release added it. */
export const NEWEST_PRINTER = Number.POSITIVE_INFINITY;

let serverMinor = NEWEST_PRINTER;

/** The minor version whose printer the STATUS column follows now (NEWEST_PRINTER when unknown). */
export function printerMinor(): number {
  return serverMinor;
}

/**
 * Follows the printer of this minor version from now on; undefined goes back to the newest.
 * @param minor the server's Kubernetes minor version (32 for v1.32.x)
 */
export function setPrinterMinor(minor: number | undefined): void {
  serverMinor = minor ?? NEWEST_PRINTER;
}

/** The fields of a `/version` answer (k8s.io/apimachinery/pkg/version.Info) that name the release. */
export interface VersionInfo {
  major?: unknown;
  minor?: unknown;
  gitVersion?: unknown;
}

/**
 * The Kubernetes minor version of a `/version` answer, or undefined when it names none. Managed clusters decorate
 * it (`minor: "32+"` on EKS and GKE, `gitVersion: "v1.32.3-eks-4096722"`): the leading digits of `minor` count,
 * else the minor of `gitVersion`; a major other than 1 is no release whose printer we know.
 * @param info the parsed JSON of GET /version
 */
export function minorOfVersion(info: VersionInfo): number | undefined {
  const major = typeof info.major === 'string' ? /^(\d+)/.exec(info.major)?.[1] : undefined;
  const minor = typeof info.minor === 'string' ? /^(\d+)/.exec(info.minor)?.[1] : undefined;
  if (major === '1' && minor !== undefined) return Number(minor);
  const git = typeof info.gitVersion === 'string' ? /^v?1\.(\d+)(?:\.|$|-|\+)/.exec(info.gitVersion) : null;
  if ((major === undefined || major === '1') && git) return Number(git[1]);
  return undefined;
}
