/**
 * The inside view's second half: the service account and its token mount (the projected volume's sources, where
 * it is mounted, automountServiceAccountToken, and the token's expiry from its JWT, read through exec), every
 * volume with where each container mounts it, and each container's effective security settings.
 */
import { humanDuration } from '../duration.js';
import type { TextLine } from '../textLayout.js';
import type { Pod } from '../wire.js';
import type { InsideFacts, TokenRead } from './insideFacts.js';
import { BLANK, field, heading, note, readNote, utc, warn } from './insideText.js';
import {
  allContainers,
  mountsOf,
  projectionText,
  tokenVolumes,
  volumeKind,
  type MountUse,
} from './podMounts.js';
import { effectiveSecurity, type Setting } from './securityContext.js';

function mountText(m: MountUse): string {
  return `${m.container} at ${m.mountPath} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `, subPath ${m.subPath}` : ''})`;
}

function automountText(pod: Pod): string {
  const v = pod.spec?.automountServiceAccountToken;
  if (v === false) return 'false: no token is mounted (admission added no kube-api-access volume)';
  if (v === true) return 'true';
  return 'not set: the service account decides (default: mounted)';
}

/** `expires 2027-12-07T06:00:00Z (in 365d)`; the kubelet refreshes it long before. */
function tokenTimeLines(token: TokenRead, now: number): TextLine[] {
  if (token.kind === 'not-mounted')
    return [note('The container read from mounts no service-account token.', 4)];
  if (token.kind === 'unreadable') return [warn(`${token.path}: ${token.message}`, 4)];
  const { times } = token;
  const rel = (s: number) =>
    s * 1000 >= now ? `in ${humanDuration(s * 1000 - now)}` : `${humanDuration(now - s * 1000)} ago`;
  return [
    field('File', token.path, 28, 4),
    field(
      'Expires (exp)',
      times.exp === undefined ? '<no exp claim>' : `${utc(times.exp)} (${rel(times.exp)})`,
      28,
      4,
    ),
    ...(times.iat === undefined
      ? []
      : [field('Issued (iat)', `${utc(times.iat)} (${rel(times.iat)})`, 28, 4)]),
    ...(times.warnafter === undefined
      ? []
      : [
          field('Warn after', `${utc(times.warnafter)} (${rel(times.warnafter)})`, 28, 4),
          note(
            'kube-apiserver extended this 3607 s token to a year; past "warn after" its use is logged.',
            4,
          ),
        ]),
    ...(times.sub ? [field('Subject', times.sub, 28, 4)] : []),
    note('Read from the JWT payload only; the token itself is not shown or kept.', 4),
  ];
}

function serviceAccountLines(facts: InsideFacts): TextLine[] {
  const { pod, reads } = facts;
  const volumes = tokenVolumes(pod);
  const lines: TextLine[] = [
    heading('Service account', '(from the API)'),
    field('serviceAccountName', pod.spec?.serviceAccountName || 'default'),
    field('automountServiceAccountToken', automountText(pod)),
  ];
  if (volumes.length === 0) lines.push(note('No projected service-account token volume.'));
  for (const v of volumes) {
    const mode = v.projected?.defaultMode;
    lines.push(
      field(
        'Token volume',
        `${v.name} (projected${mode !== undefined ? `, defaultMode 0${mode.toString(8)}` : ''})`,
      ),
      ...(v.projected?.sources ?? []).map((s) => note(projectionText(s), 4)),
      ...mountsOf(pod, v.name).map((m) => field('mounted', mountText(m), 28, 4)),
    );
  }
  lines.push(BLANK, heading('Token expiry', readNote(reads)));
  if (reads.kind === 'read') lines.push(...tokenTimeLines(reads.token, Math.max(facts.now, reads.at)));
  return lines;
}

function volumeLines(pod: Pod): TextLine[] {
  const volumes = pod.spec?.volumes ?? [];
  return [
    heading('Volumes and mounts', '(from the API)'),
    ...(volumes.length === 0 ? [note('<none>')] : []),
    ...volumes.flatMap((v) => {
      const mounts = mountsOf(pod, v.name);
      return [
        { text: `  ${v.name}  ${volumeKind(v)}` },
        ...(mounts.length
          ? mounts.map((m) => note(mountText(m), 6))
          : [note('not mounted by any container', 6)]),
      ];
    }),
  ];
}

function settingText(s: Setting): string {
  return s.from === 'default' ? s.value : `${s.value} (${s.from})`;
}

function securityLines(pod: Pod): TextLine[] {
  return [
    heading('Security', '(effective, as the kubelet applies it: the container’s value over the pod’s)'),
    ...allContainers(pod).flatMap(({ container, kind }) => {
      const e = effectiveSecurity(pod, container);
      return [
        { text: `  ${container.name}${kind === 'app' ? '' : ` (${kind})`}` },
        field('user', settingText(e.user), 26, 4),
        field('group', settingText(e.group), 26, 4),
        ...(e.extraGroups ? [field('extra groups', `${e.extraGroups} (pod)`, 26, 4)] : []),
        field('runAsNonRoot', settingText(e.runAsNonRoot), 26, 4),
        field('privileged', settingText(e.privileged), 26, 4),
        field('allowPrivilegeEscalation', settingText(e.allowPrivilegeEscalation), 26, 4),
        field('readOnlyRootFilesystem', settingText(e.readOnlyRootFilesystem), 26, 4),
        field('capabilities', settingText(e.capabilities), 26, 4),
        field('seccomp', settingText(e.seccomp), 26, 4),
      ];
    }),
  ];
}

/** The service account, volumes and security sections. */
export function accessLines(facts: InsideFacts): TextLine[] {
  return [
    ...serviceAccountLines(facts),
    BLANK,
    ...volumeLines(facts.pod),
    BLANK,
    ...securityLines(facts.pod),
  ];
}
