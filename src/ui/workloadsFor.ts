/**
 * The session's owner actions (kube/workload/workloads.ts), one per session object: the controllers, the header's
 * rollout line and the containers view's owner line share its owner chains and its rollout tracker.
 */
import { Workloads } from '../kube/workload/workloads.js';
import type { Session } from './session.js';

const bySession = new WeakMap<Session, Workloads>();

export function workloadsFor(session: Session): Workloads {
  let w = bySession.get(session);
  if (!w) bySession.set(session, (w = new Workloads(session.kc)));
  return w;
}
