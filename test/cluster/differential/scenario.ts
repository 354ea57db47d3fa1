/** A scenario: a named sequence of requests, the same on every target, recording what a client would see. */
import type { Session } from './session.js';

export interface Scenario {
  /** Also its namespace's suffix (`diff-NAME`): a DNS label. */
  name: string;
  /** What it exercises, one line. */
  about: string;
  run(s: Session): Promise<void>;
}

/** A pod manifest with one container, for scenarios' own pods. */
export function podManifest(
  name: string,
  extra: { labels?: Record<string, string>; nodeName?: string } = {},
): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27' }],
      ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
    },
  };
}

/** The path of a namespace's pods (or one pod, or its subresource). */
export function podsPath(ns: string, name?: string, sub?: string): string {
  return `/api/v1/namespaces/${ns}/pods${name ? `/${name}` : ''}${sub ? `/${sub}` : ''}`;
}
