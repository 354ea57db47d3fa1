/**
 * The pod's volumes and where each container mounts them, and the service-account token among them: the
 * projected volume whose sources include a serviceAccountToken (the `kube-api-access-*` one the ServiceAccount
 * admission plugin adds, plugin/pkg/admission/serviceaccount/admission.go, or one the user wrote).
 */
import type { Container, Pod } from '../wire.js';

type Volume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];
type Projection = NonNullable<NonNullable<Volume['projected']>['sources']>[number];

/** Every container of the pod with its kind, in kubectl's order (app, init, ephemeral). */
export function allContainers(pod: Pod): { container: Container; kind: 'app' | 'init' | 'ephemeral' }[] {
  return [
    ...(pod.spec?.containers ?? []).map((container) => ({ container, kind: 'app' as const })),
    ...(pod.spec?.initContainers ?? []).map((container) => ({ container, kind: 'init' as const })),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => ({
      container: c as Container,
      kind: 'ephemeral' as const,
    })),
  ];
}

/** A volume's type in one phrase: `projected`, `configMap app-config`, `emptyDir (Memory)`, `pvc data`. */
export function volumeKind(v: Volume): string {
  if (v.projected) return 'projected';
  if (v.configMap) return `configMap ${v.configMap.name ?? ''}`.trim();
  if (v.secret) return `secret ${v.secret.secretName ?? ''}`.trim();
  if (v.emptyDir) return v.emptyDir.medium ? `emptyDir (${v.emptyDir.medium})` : 'emptyDir';
  if (v.hostPath) return `hostPath ${v.hostPath.path}`;
  if (v.persistentVolumeClaim) return `pvc ${v.persistentVolumeClaim.claimName}`;
  if (v.downwardAPI) return 'downwardAPI';
  if (v.ephemeral) return 'ephemeral (generic)';
  if (v.csi) return `csi ${v.csi.driver}`;
  if (v.nfs) return `nfs ${v.nfs.server}:${v.nfs.path}`;
  if (v.image) return `image ${v.image.reference ?? ''}`.trim();
  const other = Object.keys(v).find((k) => k !== 'name');
  return other ?? 'unknown';
}

/** A projected source in one phrase, as the seed's reader would want it named. */
export function projectionText(s: Projection): string {
  if (s.serviceAccountToken) {
    const t = s.serviceAccountToken;
    return `serviceAccountToken → ${t.path} (expirationSeconds ${t.expirationSeconds ?? 3600}${t.audience ? `, audience ${t.audience}` : ''})`;
  }
  if (s.configMap)
    return `configMap ${s.configMap.name ?? ''} → ${(s.configMap.items ?? []).map((i) => i.path).join(', ') || 'all keys'}`;
  if (s.secret)
    return `secret ${s.secret.name ?? ''} → ${(s.secret.items ?? []).map((i) => i.path).join(', ') || 'all keys'}`;
  if (s.downwardAPI)
    return `downwardAPI → ${(s.downwardAPI.items ?? []).map((i) => `${i.path} (${i.fieldRef?.fieldPath ?? i.resourceFieldRef?.resource ?? ''})`).join(', ')}`;
  if (s.clusterTrustBundle) return `clusterTrustBundle → ${s.clusterTrustBundle.path}`;
  return 'unknown source';
}

/** One place a container mounts a volume. */
export interface MountUse {
  readonly container: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
  readonly subPath: string | undefined;
}

/** Where each container mounts the volume named `name`. */
export function mountsOf(pod: Pod, name: string): MountUse[] {
  return allContainers(pod).flatMap(({ container }) =>
    (container.volumeMounts ?? [])
      .filter((m) => m.name === name)
      .map((m) => ({
        container: container.name,
        mountPath: m.mountPath,
        readOnly: m.readOnly === true,
        subPath: m.subPath || m.subPathExpr || undefined,
      })),
  );
}

/** The volumes that carry a service-account token (projected, with a serviceAccountToken source). */
export function tokenVolumes(pod: Pod): Volume[] {
  return (pod.spec?.volumes ?? []).filter((v) =>
    (v.projected?.sources ?? []).some((s) => s.serviceAccountToken),
  );
}

/**
 * Where the API server's token is in `container`: the mount of a token volume, and the file in it. Prefers the
 * token for the API server's own audience (no audience set) over others (Istio's `istio-ca`).
 */
export function tokenPathIn(pod: Pod, container: string): string | undefined {
  const candidates = tokenVolumes(pod).flatMap((v) =>
    mountsOf(pod, v.name)
      .filter((m) => m.container === container && !m.subPath)
      .flatMap((m) =>
        (v.projected?.sources ?? [])
          .filter((s) => s.serviceAccountToken)
          .map((s) => ({
            path: `${m.mountPath.replace(/\/$/, '')}/${s.serviceAccountToken!.path}`,
            own: !s.serviceAccountToken!.audience,
          })),
      ),
  );
  return (candidates.find((c) => c.own) ?? candidates[0])?.path;
}
