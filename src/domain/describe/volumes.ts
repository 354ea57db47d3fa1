/**
 * describe's Volumes section: one block per volume in kubectl's words for the volume types pods use (host path,
 * emptyDir, secret, config map, projected, PVC, ephemeral, downward API, NFS, CSI, image, git repo…). Rarer
 * legacy in-tree types print their type line only.
 */
import type { Pod } from '../wire.js';
import { compareGo } from './goFormat.js';
import type { PrefixWriter } from './prefixWriter.js';

type Volume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];
type Projection = NonNullable<NonNullable<Volume['projected']>['sources']>[number];

const optional = (o: { optional?: boolean } | undefined): boolean => o?.optional === true;

/** Go's `%v` of a bool pointer that kubectl dereferences: absent reads as false. */
const bool = (b: boolean | undefined): string => String(b === true);

/**
 * kubectl 1.32 prints the projected sources' `optional` (a *bool) with `%v`: `<nil>` when unset — and a memory
 * address when set, which says nothing; the value is shown instead.
 */
const goPointer = (b: boolean | undefined): string => (b === undefined || b === null ? '<nil>' : String(b));

function writeProjection(w: PrefixWriter, source: Projection): void {
  if (source.secret) {
    w.write(
      2,
      `SecretName:\t${source.secret.name ?? ''}\n    SecretOptionalName:\t${goPointer(source.secret.optional)}\n`,
    );
  } else if (source.downwardAPI) {
    w.write(2, 'DownwardAPI:\ttrue\n');
  } else if (source.configMap) {
    w.write(
      2,
      `ConfigMapName:\t${source.configMap.name ?? ''}\n    ConfigMapOptional:\t${goPointer(source.configMap.optional)}\n`,
    );
  } else if (source.serviceAccountToken) {
    w.write(2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`);
  }
}

/** The lines under one volume's name. */
function writeSource(w: PrefixWriter, v: Volume): void {
  const t = (type: string, fields: [string, string][] = []): void =>
    w.write(2, `Type:\t${type}\n${fields.map(([k, val]) => `    ${k}:\t${val}\n`).join('')}`);
  if (v.hostPath) {
    return t('HostPath (bare host directory volume)', [
      ['Path', v.hostPath.path],
      // printHostPathVolumeSource (kubectl pkg/describe): `<none>` only for a missing type; the empty type the
      // API server defaults it to (HostPathUnset) prints as nothing.
      ['HostPathType', v.hostPath.type ?? '<none>'],
    ]);
  }
  if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit;
    return t("EmptyDir (a temporary directory that shares a pod's lifetime)", [
      ['Medium', v.emptyDir.medium ?? ''],
      ['SizeLimit', limit && !/^0+(\.0*)?[a-zA-Z]*$/.test(String(limit)) ? String(limit) : '<unset>'],
    ]);
  }
  if (v.gitRepo) {
    return t('GitRepo (a volume that is pulled from git when the pod is created)', [
      ['Repository', v.gitRepo.repository],
      ['Revision', v.gitRepo.revision ?? ''],
    ]);
  }
  if (v.secret) {
    return t('Secret (a volume populated by a Secret)', [
      ['SecretName', v.secret.secretName ?? ''],
      ['Optional', String(optional(v.secret))],
    ]);
  }
  if (v.configMap) {
    return t('ConfigMap (a volume populated by a ConfigMap)', [
      ['Name', v.configMap.name ?? ''],
      ['Optional', String(optional(v.configMap))],
    ]);
  }
  if (v.nfs) {
    return t('NFS (an NFS mount that lasts the lifetime of a pod)', [
      ['Server', v.nfs.server],
      ['Path', v.nfs.path],
      ['ReadOnly', bool(v.nfs.readOnly)],
    ]);
  }
  if (v.persistentVolumeClaim) {
    return t('PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
      ['ClaimName', v.persistentVolumeClaim.claimName],
      ['ReadOnly', bool(v.persistentVolumeClaim.readOnly)],
    ]);
  }
  if (v.ephemeral) {
    return t(
      'EphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)',
    );
  }
  if (v.downwardAPI) {
    w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
    return;
  }
  if (v.projected) {
    w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const source of v.projected.sources ?? []) writeProjection(w, source);
    return;
  }
  if (v.csi) {
    t('CSI (a Container Storage Interface (CSI) volume source)', [
      ['Driver', v.csi.driver],
      ['FSType', v.csi.fsType ?? ''],
      ['ReadOnly', bool(v.csi.readOnly)],
    ]);
    const attrs = v.csi.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort(compareGo);
    w.write(2, 'VolumeAttributes:\t');
    if (keys.length === 0) return w.writeLine('<none>');
    keys.forEach((k, i) => {
      if (i !== 0) w.write(2, '\t');
      const line = `${k}=${attrs[k]}`;
      w.write(2, `${line.length > 140 ? `${line.slice(0, 140)}...` : line}\n`);
    });
    return;
  }
  const image = (v as { image?: { reference?: string; pullPolicy?: string } }).image;
  if (image) {
    return t('Image (a container image or OCI artifact)', [
      ['Reference', image.reference ?? ''],
      ['PullPolicy', image.pullPolicy ?? ''],
    ]);
  }
  // The remaining in-tree types (cloud disks, iSCSI, Ceph, Gluster…): named, not detailed.
  const other = Object.keys(v).find((k) => k !== 'name');
  if (other) return t(other);
  w.write(1, '<unknown>\n');
}

/** `describeVolumes`. */
export function writeVolumes(w: PrefixWriter, volumes: Volume[] | undefined): void {
  if (!volumes || volumes.length === 0) return w.write(0, 'Volumes:\t<none>\n');
  w.write(0, 'Volumes:\n');
  for (const v of volumes) {
    w.write(1, `${v.name}:\n`);
    writeSource(w, v);
  }
}
