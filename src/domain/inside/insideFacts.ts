/**
 * What the inside view is built from: the pod (from the API), its node's runtime (from the API, when the user may
 * read nodes), and the files read inside a container through exec. The kube layer gathers them; the builders in
 * this folder turn them into lines.
 */
import type { Pod } from '../wire.js';
import type { TokenTimes } from './jwtClaims.js';

/** A file read through exec: its text, or why not (`No such file or directory`, a refusal). */
export type FileRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'unreadable'; readonly message: string };

/** The service-account token's times, read through exec (the token itself is never kept). */
export type TokenRead =
  | { readonly kind: 'times'; readonly path: string; readonly times: TokenTimes }
  | { readonly kind: 'unreadable'; readonly path: string; readonly message: string }
  /** The container read from mounts no token. */
  | { readonly kind: 'not-mounted' };

/** The exec part: being read, read from one container, or not readable from any. */
export type InsideReads =
  | { readonly kind: 'reading' }
  | {
      readonly kind: 'unavailable';
      /** Per container tried, why not: `web-app: the image has no cat`; empty when none is running. */
      readonly tried: readonly string[];
      readonly reason: string;
    }
  | {
      readonly kind: 'read';
      readonly container: string;
      /** Epoch milliseconds. */
      readonly at: number;
      /** Containers passed over first, with why (`web-app: the image has no cat`). */
      readonly skipped: readonly string[];
      readonly resolvConf: FileRead;
      readonly hosts: FileRead;
      readonly token: TokenRead;
    };

/** The node's runtime, from `status.nodeInfo`, or why it is not shown. */
export type NodeRuntime =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unscheduled' }
  | {
      readonly kind: 'known';
      readonly containerRuntimeVersion: string;
      readonly osImage: string;
      readonly kernelVersion: string;
      readonly kubeletVersion: string;
    }
  /** Reading nodes is forbidden to this user (RBAC): the server's words. */
  | { readonly kind: 'hidden'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** Everything one frame of the inside view shows. */
export interface InsideFacts {
  readonly pod: Pod;
  readonly node: NodeRuntime;
  readonly reads: InsideReads;
  /** Epoch milliseconds, for "in 365d" and "12m ago". */
  readonly now: number;
}
