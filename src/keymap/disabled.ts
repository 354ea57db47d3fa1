/**
 * Why a command cannot run now, as data: the permission each command needs in the cluster, and which ones change
 * the cluster or take the terminal (refused under --readonly). `disabledReason` is the one place both are
 * decided; the hint bar, the help screen and the key handlers all ask it, so a key is marked unavailable before
 * it is pressed and says the same thing when it is. (Shaped like lazygit's GetDisabledReason, so a controller can
 * later return it per command.)
 */
import type { AccessAnswer, AccessAttributes } from '../kube/access.js';
import { accessWords, notAllowedText } from '../kube/access.js';
import type { CommandId } from './commands.js';

/** A command that cannot run, and why. */
export interface DisabledReason {
  /** The one line pressing the key shows, e.g. `not allowed: create pods/exec in frontend`. */
  readonly text: string;
  /** The hint bar's summary groups reasons by head: `not allowed in frontend`, `read-only (--readonly)`. */
  readonly head: string;
  /** What under that head: `create pods/exec`, `delete pods`. */
  readonly item: string;
}

/** What the reasons are computed from: the mode and what the API server said about the user. */
export interface DisableContext {
  readonly readonly: boolean;
  /** The namespace the command would act in (the selected pod's); undefined when there is no pod. */
  readonly namespace: string | undefined;
  /** The cached answer to a question (`unknown` until the review has answered). */
  readonly access: (question: AccessAttributes) => AccessAnswer;
}

type Permission = Omit<AccessAttributes, 'namespace'>;

/**
 * What the server must allow for each command: every permission listed (the first denied one is the reason).
 * A shell and a port-forward are WebSocket upgrades, which are GET requests: kube-apiserver authorizes them as
 * `get` on the subresource (seen on 1.32: `cannot get resource "pods/exec"`), and from 1.35 also as `create`
 * (feature gate AuthorizePodWebsocketUpgradeCreatePermission, which closes the gap with SPDY's POST). Roles are
 * written with `create` (kubectl's SPDY verb), so both are asked; `create` first, the verb roles name.
 */
const EXEC: Permission[] = [
  { verb: 'create', resource: 'pods', subresource: 'exec' },
  { verb: 'get', resource: 'pods', subresource: 'exec' },
];
const PORT_FORWARD: Permission[] = [
  { verb: 'create', resource: 'pods', subresource: 'portforward' },
  { verb: 'get', resource: 'pods', subresource: 'portforward' },
];
const DELETE: Permission[] = [{ verb: 'delete', resource: 'pods' }];
const LOGS: Permission[] = [{ verb: 'get', resource: 'pods', subresource: 'log' }];
// Issue 16: attach is a WebSocket upgrade like exec (get, and create from 1.35).
const ATTACH: Permission[] = [
  { verb: 'create', resource: 'pods', subresource: 'attach' },
  { verb: 'get', resource: 'pods', subresource: 'attach' },
];
const REACH: Permission[] = [{ verb: 'create', resource: 'pods' }, ...EXEC];

export const COMMAND_PERMISSIONS: Partial<Record<CommandId, readonly Permission[]>> = {
  'pod.shell': EXEC,
  'pod.portForward': PORT_FORWARD,
  'pod.delete': DELETE,
  'pod.kill': DELETE,
  'pod.logs': LOGS,
  'pod.previousLogs': LOGS,
  'pod.ownerLogs': LOGS,
  // The ports check reads /proc/net/tcp* through exec.
  'pod.ports': EXEC,
  'ports.reread': EXEC,
  // The reach probe creates a client pod and execs curl in it (then deletes it).
  'pod.reach': REACH,
  'reach.rerun': REACH,
  'pod.attach': ATTACH,
};

/** Adding a debug container (after a shell finds none): `kubectl debug` PATCHes this subresource. */
export const DEBUG_PERMISSION: Permission = {
  verb: 'patch',
  resource: 'pods',
  subresource: 'ephemeralcontainers',
};

/** Commands that change the cluster or take the terminal, with what --readonly says it cannot do. */
export const READONLY_REFUSED: Partial<Record<CommandId, string>> = {
  'pod.delete': 'delete pods',
  'pod.kill': 'kill pods',
  'pod.shell': 'open a shell',
  'pod.portForward': 'port-forward',
  'ports.debug': 'add a debug container',
  'pod.reach': 'create a client pod',
  'reach.rerun': 'create a client pod',
  'pods.apply': 'apply a manifest',
  // Keys typed while attached are the main process's input.
  'pod.attach': 'attach to a container',
};

/** What --readonly says to a change, e.g. `read-only: cannot delete pods (started with --readonly)`. */
export function readonlyReason(change: string): DisabledReason {
  return {
    text: `read-only: cannot ${change} (started with --readonly)`,
    head: 'read-only: nothing in the cluster can be changed',
    item: '',
  };
}

/** Every question the commands need in a namespace, to ask before any key is pressed. */
export function questionsFor(namespace: string): AccessAttributes[] {
  const seen = new Map<string, AccessAttributes>();
  for (const p of [...Object.values(COMMAND_PERMISSIONS).flat(), DEBUG_PERMISSION])
    seen.set(accessWords(p), { ...p, namespace });
  return [...seen.values()];
}

/** Why a permission is missing in the context's namespace, if the server said so. */
export function deniedReason(permission: Permission, ctx: DisableContext): DisabledReason | undefined {
  if (ctx.namespace === undefined) return undefined;
  const question = { ...permission, namespace: ctx.namespace };
  if (ctx.access(question).verdict !== 'denied') return undefined;
  return {
    text: notAllowedText(question),
    head: `not allowed in ${ctx.namespace}`,
    item: accessWords(permission),
  };
}

/**
 * Why `command` cannot run now, or undefined when it can (or when nobody knows yet: then the server's answer
 * decides when the key is pressed).
 */
export function disabledReason(command: CommandId, ctx: DisableContext): DisabledReason | undefined {
  const change = READONLY_REFUSED[command];
  if (change && ctx.readonly) return readonlyReason(change);
  for (const permission of COMMAND_PERMISSIONS[command] ?? []) {
    const denied = deniedReason(permission, ctx);
    if (denied) return denied;
  }
  return undefined;
}

/** The hint bar's summary of several reasons: `not allowed in frontend: create pods/exec, delete pods`. */
export function summarizeReasons(reasons: readonly DisabledReason[]): string {
  const byHead = new Map<string, Set<string>>();
  for (const r of reasons) {
    const items = byHead.get(r.head) ?? new Set<string>();
    if (r.item) items.add(r.item);
    byHead.set(r.head, items);
  }
  return [...byHead]
    .map(([head, items]) => (items.size ? `${head}: ${[...items].join(', ')}` : head))
    .join('; ');
}
