/**
 * Each container's security settings as the kubelet applies them: pkg/securitycontext/util.go
 * DetermineEffectiveSecurityContext — the pod's securityContext gives runAsUser, runAsGroup, runAsNonRoot,
 * seccompProfile, appArmorProfile and seLinuxOptions, and the container's own value of each wins; privileged,
 * capabilities, readOnlyRootFilesystem and allowPrivilegeEscalation exist only on the container. Where nobody sets
 * a value, what the process gets is named (the image's USER, the runtime's defaults), never invented.
 */
import type { Container, Pod } from '../wire.js';

/** Who decided a value: the container's securityContext, the pod's, or nobody (a default applies). */
export type SettingSource = 'container' | 'pod' | 'default';

/** One effective setting, as shown: its value in words and where it came from. */
export interface Setting {
  readonly value: string;
  readonly from: SettingSource;
}

/** The effective security settings of one container. */
export interface EffectiveSecurity {
  readonly user: Setting;
  readonly group: Setting;
  /** The pod's fsGroup and supplementalGroups, added to the process's groups (pod-level only). */
  readonly extraGroups: string | undefined;
  readonly runAsNonRoot: Setting;
  readonly privileged: Setting;
  readonly allowPrivilegeEscalation: Setting;
  readonly readOnlyRootFilesystem: Setting;
  readonly capabilities: Setting;
  readonly seccomp: Setting;
}

type Profile = { type?: string; localhostProfile?: string } | undefined;

function pick<T>(c: T | undefined, p: T | undefined, show: (v: T) => string, fallback: string): Setting {
  if (c !== undefined && c !== null) return { value: show(c), from: 'container' };
  if (p !== undefined && p !== null) return { value: show(p), from: 'pod' };
  return { value: fallback, from: 'default' };
}

function profile(p: NonNullable<Profile>): string {
  return p.type === 'Localhost' && p.localhostProfile ? `Localhost (${p.localhostProfile})` : (p.type ?? '');
}

/**
 * The container's effective settings.
 * @param pod the pod (its spec.securityContext)
 * @param container one of its containers
 */
export function effectiveSecurity(pod: Pod, container: Container): EffectiveSecurity {
  const podSc = pod.spec?.securityContext;
  const sc = container.securityContext;
  const privileged = sc?.privileged === true;
  const caps = sc?.capabilities;
  const groups = [
    ...(podSc?.fsGroup !== undefined ? [`fsGroup ${podSc.fsGroup}`] : []),
    ...(podSc?.supplementalGroups?.length ? [`supplemental ${podSc.supplementalGroups.join(',')}`] : []),
  ];
  return {
    user: pick(sc?.runAsUser, podSc?.runAsUser, String, "the image's USER (not set here)"),
    group: pick(sc?.runAsGroup, podSc?.runAsGroup, String, "the image's group (not set here)"),
    extraGroups: groups.length ? groups.join(', ') : undefined,
    runAsNonRoot: pick(sc?.runAsNonRoot, podSc?.runAsNonRoot, String, 'false (not enforced)'),
    privileged: pick(sc?.privileged, undefined, String, 'false'),
    // pkg/kubelet/kuberuntime/security_context_others.go: no_new_privs is set only when explicitly false; a
    // privileged container or one with CAP_SYS_ADMIN may always escalate (validation forbids saying otherwise).
    allowPrivilegeEscalation: pick(sc?.allowPrivilegeEscalation, undefined, String, 'true'),
    readOnlyRootFilesystem: pick(sc?.readOnlyRootFilesystem, undefined, String, 'false'),
    capabilities: privileged
      ? { value: 'all (privileged)', from: 'container' }
      : caps && (caps.add?.length || caps.drop?.length)
        ? {
            value: [
              caps.add?.length ? `add ${caps.add.join(',')}` : '',
              caps.drop?.length ? `drop ${caps.drop.join(',')}` : '',
            ]
              .filter(Boolean)
              .join('; '),
            from: 'container',
          }
        : { value: "the runtime's default set", from: 'default' },
    // The kubelet's seccompDefault setting (off unless configured) decides when neither sets a profile; a
    // privileged container gets none from containerd (internal/cri: seccomp is applied only when not privileged).
    seccomp: privileged
      ? { value: 'Unconfined (privileged: the runtime applies no profile)', from: 'container' }
      : pick<NonNullable<Profile>>(
          sc?.seccompProfile ?? undefined,
          podSc?.seccompProfile ?? undefined,
          profile,
          "Unconfined, or RuntimeDefault when the kubelet's seccompDefault is on",
        ),
  };
}
