/**
 * The pod actions for the session's cluster (see actions.ts), over the port-forward registry and the API. A shell
 * takes the terminal inside Ink's suspendTerminal (Ink leaves the alternate screen and raw mode, drops frames,
 * and redraws everything after); client-node, which the exec needs, is loaded then and not before.
 */
import { useApp } from 'ink';
import { useMemo } from 'react';
import { addDebugContainer } from '../kube/shell/debugContainer.js';
import { deletePods, KILL_GRACE_SECONDS } from '../kube/shell/deletePods.js';
import type { PortForwardRegistry } from '../kube/portForward/index.js';
import {
  probeHttp,
  resolveFollowTarget,
  resolvePodPort,
  suggestLocalPort,
} from '../kube/portForward/index.js';
import { followLocalPort } from '../domain/followForward.js';
import type { PodActions } from './actions.js';
import type { Session } from './session.js';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function usePodActions(
  session: Session,
  forwards: PortForwardRegistry,
  shellCommand: readonly string[] | undefined,
): PodActions {
  const { suspendTerminal } = useApp();
  return useMemo<PodActions>(
    () => ({
      deletePods: async (pods, options) => {
        const results = await deletePods(session.kc, pods, options);
        const failed = results.filter((r) => !r.ok);
        const verb = options.gracePeriodSeconds === KILL_GRACE_SECONDS ? 'killing' : 'deleting';
        const done = results.length - failed.length;
        const names = pods.length === 1 ? pods[0]!.name : `${done} pods`;
        if (failed.length === 0) return { ok: true, text: `${verb} ${names}: the list shows it terminating` };
        const first = failed[0]!;
        const error = first.ok ? '' : first.error;
        return {
          ok: false,
          text: `${failed.length} of ${results.length} not deleted: ${error}`,
        };
      },
      startForward: async (r) => {
        try {
          const f = await forwards.start({
            namespace: r.pod.namespace,
            pod: r.pod.name,
            ...(r.container ? { container: r.container } : {}),
            remotePort: r.remotePort,
            localPort: r.localPort,
            address: r.address,
          });
          return { ok: true, url: f.url };
        } catch (e) {
          return { ok: false, error: message(e) };
        }
      },
      startFollowForward: async (spec, fallbackNamespace) => {
        const namespace = spec.namespace ?? fallbackNamespace;
        try {
          if (spec.kind === 'pod') {
            const remotePort = await resolvePodPort(session.kc, namespace, spec.name, spec.remote);
            const localPort = followLocalPort(spec, remotePort);
            const f = await forwards.start({ namespace, pod: spec.name, remotePort, localPort });
            return { ok: true, url: f.url, text: `${namespace}/${spec.name}:${remotePort}` };
          }
          const target = await resolveFollowTarget(session.kc, spec, namespace);
          const localPort = followLocalPort(spec, target.remotePort);
          const f = await forwards.startFollow({ target, localPort });
          const port = target.remotePort === undefined ? spec.remote : String(target.remotePort);
          return { ok: true, url: f.url, text: `${namespace}/${target.label}:${port}` };
        } catch (e) {
          return { ok: false, error: message(e) };
        }
      },
      suggestLocalPort: (port, address) => suggestLocalPort(port, address),
      stopForward: async (id) => void (await forwards.stop(id)),
      stopAllForwards: () => forwards.stopAll(),
      probeForward: async (url) => {
        try {
          const p = await probeHttp(url);
          const body = p.firstBytes.replace(/\r/g, '').split('\n').slice(0, 6);
          const headers = Object.entries(p.headers)
            .slice(0, 6)
            .map(([header, value]) => ({ header, value: value.slice(0, 60) }));
          return { lines: [`GET ${url} → ${p.statusLine}`, ...body], headers };
        } catch (e) {
          return { lines: [message(e)], headers: [] };
        }
      },
      shell: async (pod, container) => {
        let result: { text: string; ok: boolean; noShell?: boolean } = {
          text: 'the shell did not start',
          ok: false,
        };
        const kc = await session.clientKubeConfig();
        const { handOffToShell } = await import('../terminal/shellHandoff.js');
        await suspendTerminal(async () => {
          const r = await handOffToShell({
            kc,
            namespace: pod.namespace,
            pod: pod.name,
            container,
            ...(shellCommand ? { command: shellCommand } : {}),
          });
          result = {
            text: r.message,
            ok: r.end.kind === 'exit' && r.end.code === 0,
            ...(r.end.kind === 'no-shell' ? { noShell: true } : {}),
          };
        });
        return result;
      },
      addDebugContainer: (pod, target) =>
        addDebugContainer({ kc: session.kc, namespace: pod.namespace, pod: pod.name, target }),
    }),
    [session, forwards, suspendTerminal, shellCommand],
  );
}
