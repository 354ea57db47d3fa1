/**
 * The streaming subresources of pods — log, exec, portforward — and their lifetimes: an exec session or a
 * forward ends when its container dies or its pod goes, as on a real node. Checks the request the way the
 * API server and kubelet do before a stream opens, and answers refusals with their wording.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Pod } from '../domain/wire.js';
import { closeAppConnections, openAppConnection } from './apps/index.js';
import type { Cluster } from './cluster.js';
import type { ContainerRun } from './runtime.js';
import { ExecSessions, selectExecSubprotocol, serveExec } from './exec.js';
import { serveAttach, serveInteractiveAttach } from './attach.js';
import { failureStatus } from './http/status.js';
import type { StatusReason } from './http/status.js';
import { chooseContainer } from './logs/container.js';
import { isFailure } from './logs/failure.js';
import { LogService } from './logs/service.js';
import { interactiveArgv, MainProcesses } from './mainProcess.js';
import { listenerFor } from './podNetwork.js';
import {
  pickPortForwardSubprotocol,
  PortForwardRegistry,
  servePortForward,
  serveSpdyPortForward,
  SPDY_PORTFORWARD_SUBPROTOCOL,
  spdyUpgradeResponseHead,
} from './portforward/index.js';
import { shellHostFor } from './shellHost.js';
import { PODS } from './store/resourceTypes.js';

/** Sends an HTTP refusal on a socket that asked for an upgrade. */
export type Refuse = (code: number, body: object) => void;

interface Refusal {
  code: number;
  reason: StatusReason;
  message: string;
}

function flag(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v !== null && v !== '0' && v !== 'false';
}

export class PodStreams {
  private readonly logs: LogService;
  private readonly execs = new ExecSessions();
  private readonly mains = new MainProcesses();
  private readonly forwards = new PortForwardRegistry();
  private readonly execWss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => selectExecSubprotocol(offered),
  });
  private readonly forwardWss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => pickPortForwardSubprotocol(offered),
  });
  /** kubectl's SPDY-in-WebSocket requests, whose subprotocol ws cannot parse (REFERENCE §5.7). */
  private readonly spdyWss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly cluster: Cluster,
    private readonly caCert: string,
  ) {
    this.logs = new LogService(cluster.kubelet, cluster.now);
    this.spdyWss.on('headers', (headers) =>
      headers.push(`Sec-WebSocket-Protocol: ${SPDY_PORTFORWARD_SUBPROTOCOL}`),
    );
    this.unsubscribe.push(
      cluster.store.subscribe((c) => {
        if (c.resource !== PODS || c.type !== 'DELETED') return;
        const ns = c.object.metadata?.namespace ?? '';
        const name = c.object.metadata?.name ?? '';
        this.execs.endSessions({ namespace: ns, pod: name });
        this.forwards.closePod(ns, name, `pod ${name} was deleted`);
        closeAppConnections(ns, name);
      }),
      cluster.kubelet.subscribe((run) => {
        if (run.finishedAt === undefined) return this.startMain(run);
        this.mains.stop(run);
        this.execs.endSessions({ namespace: run.namespace, pod: run.pod, container: run.container });
        // The container's listeners went with it: connections to them are reset.
        if (run.profile.listens.length) closeAppConnections(run.namespace, run.pod);
      }),
    );
  }

  /** GET pods/NAME/log */
  log(req: IncomingMessage, res: ServerResponse, pod: Pod, query: URLSearchParams): void {
    this.logs.handle(req, res, pod, query);
  }

  /** An Upgrade request on pods/NAME/exec or pods/NAME/portforward. */
  upgrade(
    kind: 'exec' | 'portforward' | 'attach',
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    pod: Pod,
    query: URLSearchParams,
    refuse: Refuse,
  ): void {
    const no = (r: Refusal): void => refuse(r.code, failureStatus(r.code, r.reason, r.message));
    if (kind === 'exec') {
      const checked = this.checkExec(pod, query);
      if ('code' in checked) return no(checked);
      this.execWss.handleUpgrade(req, socket, head, (ws) => {
        const current =
          (this.cluster.store.get(PODS, pod.metadata?.namespace, pod.metadata!.name!) as Pod | undefined) ??
          pod;
        const host = shellHostFor(this.cluster, current, checked.container, this.caCert);
        serveExec(ws, ws.protocol, checked.request, host, checked.shells, this.execs);
      });
      return;
    }
    if (kind === 'attach') return this.attach(req, socket, head, pod, query, no);
    const ports = this.ports(query);
    const refusal = this.checkForward(pod, query, ports);
    if (refusal) return no(refusal);
    const ref = {
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      uid: pod.metadata?.uid ?? '',
    };
    const options = { pod: ref, registry: this.forwards };
    const connect = (port: number): Duplex | null => this.connect(pod, port);
    const upgrade = (req.headers.upgrade ?? '').toLowerCase();
    if (upgrade === 'spdy/3.1') {
      socket.write(spdyUpgradeResponseHead());
      serveSpdyPortForward(socket, connect, { ...options, head });
      return;
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (offered.includes(SPDY_PORTFORWARD_SUBPROTOCOL)) {
      delete req.headers['sec-websocket-protocol'];
      this.spdyWss.handleUpgrade(req, socket, head, (ws) => serveSpdyPortForward(ws, connect, options));
      return;
    }
    this.forwardWss.handleUpgrade(req, socket, head, (ws) => {
      servePortForward(ws, ws.protocol, ports, connect, { ...options, socket });
    });
  }

  /** pods/NAME/attach (issue 16): the main process's output, see attach.ts. */
  private attach(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    pod: Pod,
    query: URLSearchParams,
    no: (r: Refusal) => void,
  ): void {
    const chosen = chooseContainer(pod, query.get('container') ?? '');
    if (isFailure(chosen)) return no(chosen);
    const unreachable = this.checkNode(pod);
    if (unreachable) return no(unreachable);
    const run = this.cluster.kubelet
      .runs(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', chosen.name)
      ?.at(-1);
    if (!run || run.finishedAt !== undefined)
      return no({
        code: 500,
        reason: 'InternalError',
        message: `unable to upgrade connection: container not found ("${chosen.name}")`,
      });
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
      (c) => c.name === chosen.name,
    );
    const request = {
      tty: spec?.tty === true,
      stdin: flag(query, 'stdin'),
      stdout: flag(query, 'stdout'),
      stderr: flag(query, 'stderr'),
    };
    this.execWss.handleUpgrade(req, socket, head, (ws) => {
      const main = this.mains.get(run);
      const c = { ws, protocol: ws.protocol, request, now: this.cluster.now, sessions: this.execs };
      if (main) serveInteractiveAttach(c, main);
      else serveAttach(c, run);
    });
  }

  /** A run just started: a container that keeps stdin open and runs a shell gets it as its main process. */
  private startMain(run: ContainerRun): void {
    const pod = this.cluster.store.get(PODS, run.namespace, run.pod) as Pod | undefined;
    const spec = pod?.spec?.containers?.find((c) => c.name === run.container);
    // Checked before the shell host is built: most containers have no interactive main process.
    if (!pod || !spec || !interactiveArgv(spec)) return;
    this.mains.start({
      run,
      spec,
      host: shellHostFor(this.cluster, pod, run.container, this.caCert),
      now: this.cluster.now,
      onExit: (code) => this.cluster.kubelet.mainExited(run, code),
    });
  }

  /** Ends every open log stream abruptly; returns how many. */
  dropLogStreams(): number {
    return this.logs.dropStreams('abort');
  }

  close(): void {
    for (const u of this.unsubscribe) u();
    this.mains.close();
    this.logs.close();
    this.forwards.closeAll('the demo cluster stopped');
    for (const ns of new Set(this.execs.list().map((s) => s.namespace))) {
      this.execs.endSessions({ namespace: ns }, { message: 'the demo cluster stopped' });
    }
    for (const wss of [this.execWss, this.forwardWss, this.spdyWss]) {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    }
  }

  private checkExec(
    pod: Pod,
    query: URLSearchParams,
  ):
    | {
        container: string;
        request: { command: string[]; stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean };
        shells: ('bash' | 'sh')[];
      }
    | Refusal {
    const chosen = chooseContainer(pod, query.get('container') ?? '');
    if (isFailure(chosen)) return chosen;
    const command = query.getAll('command');
    if (command.length === 0)
      return { code: 400, reason: 'BadRequest', message: 'you must specify at least 1 command' };
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      return {
        code: 400,
        reason: 'BadRequest',
        message: `cannot exec into a container in a completed pod; current phase is ${phase}`,
      };
    }
    const unreachable = this.checkNode(pod);
    if (unreachable) return unreachable;
    const running = this.cluster.kubelet
      .runs(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', chosen.name)
      ?.at(-1);
    if (!running || running.finishedAt !== undefined) {
      return {
        code: 500,
        reason: 'InternalError',
        message: `unable to upgrade connection: container not found ("${chosen.name}")`,
      };
    }
    return {
      container: chosen.name,
      request: {
        command,
        stdin: flag(query, 'stdin'),
        stdout: flag(query, 'stdout'),
        stderr: flag(query, 'stderr'),
        tty: flag(query, 'tty'),
      },
      shells: running.profile.shells,
    };
  }

  private ports(query: URLSearchParams): number[] {
    return query
      .getAll('ports')
      .flatMap((p) => p.split(','))
      .map((p) => Number(p.trim()));
  }

  /** The API server can only stream from a pod the kubelet of its node runs. */
  private checkNode(pod: Pod): Refusal | undefined {
    const node = pod.spec?.nodeName;
    if (!node) {
      return {
        code: 400,
        reason: 'BadRequest',
        message: `pod ${pod.metadata?.name ?? ''} does not have a host assigned`,
      };
    }
    if (!this.cluster.kubelet.runsNode(node)) {
      return {
        code: 500,
        reason: 'InternalError',
        message: `error dialing backend: dial tcp: lookup ${node}: no such host`,
      };
    }
    return undefined;
  }

  private checkForward(pod: Pod, query: URLSearchParams, ports: readonly number[]): Refusal | undefined {
    const bad =
      query.getAll('ports').length > 0 && ports.find((p) => !Number.isInteger(p) || p < 1 || p > 65535);
    if (bad !== false && bad !== undefined)
      return { code: 400, reason: 'BadRequest', message: `invalid port: ${String(bad)}` };
    const unreachable = this.checkNode(pod);
    if (unreachable) return unreachable;
    const name = pod.metadata?.name ?? '';
    if (pod.status?.phase !== 'Running') {
      return {
        code: 400,
        reason: 'BadRequest',
        message: `unable to do port forwarding: pod ${name} is not running (phase ${pod.status?.phase ?? 'Unknown'})`,
      };
    }
    return undefined;
  }

  /** A connection to whatever listens on `port` in the pod now (the pod's containers share its network). */
  private connect(pod: Pod, port: number): Duplex | null {
    const current = this.cluster.store.get(PODS, pod.metadata?.namespace, pod.metadata!.name!) as
      Pod | undefined;
    if (!current) return null;
    // The runtime dials localhost in the pod's network namespace: a listener on 127.0.0.1 answers (seed 001).
    const listener = listenerFor(current, port, 'loopback');
    if (!listener) return null;
    return openAppConnection(listener.app, {
      namespace: current.metadata?.namespace ?? '',
      podName: current.metadata?.name ?? '',
      podIP: current.status?.podIP ?? '',
      hostname: current.spec?.hostname ?? current.metadata?.name ?? '',
      containerName: listener.container,
      // The runtime dials localhost inside the pod's network namespace.
      clientIP: '127.0.0.1',
      port,
    });
  }
}
