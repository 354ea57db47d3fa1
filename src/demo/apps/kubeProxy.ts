/**
 * kube-proxy's two HTTP servers, as a kubeadm cluster runs it (host network, no ports declared):
 * - 10256, healthz (`0.0.0.0:10256` by default, which Go's `net.Listen` makes one dual-stack socket):
 *   `/healthz` and `/livez` answer JSON as pkg/proxy/healthcheck/proxy_health.go (healthzHandler, livezHandler)
 *   writes it, the times in Go's `time.Time` String form;
 * - 10249, metrics (`127.0.0.1:10249` by default: pkg/proxy/apis/config/v1alpha1/defaults.go, so reachable
 *   through port-forward, which dials the node's loopback, but not from another pod): `/metrics` (a few of its
 *   gauges and counters in the Prometheus text format) and `/proxyMode` (cmd/kube-proxy/app/server.go).
 * Anything else is Go's ServeMux 404.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AppHandler } from './context.js';
import { pathOf, sendBody } from './respond.js';

/** kube-proxy's healthz port (pkg/cluster/ports: ProxyHealthzPort). */
export const KUBE_PROXY_HEALTHZ_PORT = 10256;
/** kube-proxy's metrics port (ProxyStatusPort). */
export const KUBE_PROXY_METRICS_PORT = 10249;

const GO_TEXT: OutgoingHttpHeaders = {
  'Content-Type': 'text/plain; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
};

/** When this process (standing in for the kube-proxy process) started, for the monotonic `m=+…` reading. */
const started = performance.now();

/** `t` as Go's `time.Now().String()` prints it in UTC: `2026-12-07 14:30:00.123 +0000 UTC m=+12.345678901`. */
export function goTimeString(t: Date, sinceStartMs: number): string {
  const iso = t.toISOString(); // 2026-12-07T14:30:00.123Z
  const ms = iso.slice(20, 23).replace(/0+$/, '');
  const monotonic = (sinceStartMs / 1000).toFixed(9);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms ? `.${ms}` : ''} +0000 UTC m=+${monotonic}`;
}

function goNotFound(res: ServerResponse): void {
  sendBody(res, 404, GO_TEXT, '404 page not found\n');
}

function health(res: ServerResponse, withNode: boolean): void {
  const now = goTimeString(new Date(), performance.now() - started);
  // Healthy: lastUpdated is the current time (proxy_health.go keeps that for compatibility).
  const body = withNode
    ? `{"lastUpdated": "${now}","currentTime": "${now}", "nodeEligible": true}`
    : `{"lastUpdated": "${now}","currentTime": "${now}"}`;
  sendBody(res, 200, { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' }, body);
}

function metrics(res: ServerResponse): void {
  const now = Date.now() / 1000;
  const lines = [
    '# HELP kubeproxy_sync_proxy_rules_last_timestamp_seconds [ALPHA] The last time proxy rules were successfully synced',
    '# TYPE kubeproxy_sync_proxy_rules_last_timestamp_seconds gauge',
    `kubeproxy_sync_proxy_rules_last_timestamp_seconds ${now.toExponential(9)}`,
    '# HELP kubeproxy_proxy_healthz_total [ALPHA] Cumulative proxy healthz HTTP status',
    '# TYPE kubeproxy_proxy_healthz_total counter',
    'kubeproxy_proxy_healthz_total{code="200"} 1',
  ];
  sendBody(res, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }, lines.join('\n') + '\n');
}

/** Both servers; which one a connection reached is its port. */
export const kubeProxyHandler: AppHandler = (req, res, ctx) => {
  const path = pathOf(req);
  if (ctx.port === KUBE_PROXY_METRICS_PORT) {
    if (path === '/metrics') return metrics(res);
    if (path === '/proxyMode') return sendBody(res, 200, GO_TEXT, 'iptables');
    return goNotFound(res);
  }
  if (path === '/healthz') return health(res, true);
  if (path === '/livez') return health(res, false);
  goNotFound(res);
};
