#!/usr/bin/env node
// The CPU cost per line of a workload's merged logs without the network (issue 16's bench:wlogs swings with the
// machine's load; this does not): firehose-like chunks of N streams, built beforehand, are fed round-robin through
// the path a socket's data takes — each stream's ContainerFollower (line decoder, timestamp split, overlap filter),
// the LogSession's sink, the Merger and the LineBuffer — and the CPU time (process.cpuUsage) is divided by the lines
// stored. `--tie` gives every stream the same times (each line ties with the other streams' and the merge releases
// one line at a time: the worst case); by default the streams are 37 µs apart, as pods started apart are.
// It reaches into the session's private sink and the follower's private onLine (JavaScript can): the point is to
// measure exactly what runs per line, with nothing else.
// Run: npm run build && node test/bench/wlogsReplay.mjs [--streams 1,3,30] [--lines 3000000] [--tie]
import { KubeConfig } from '@kubernetes/client-node';
import { ContainerFollower } from '../../dist/logs/containerFollower.js';
import { LineDecoder } from '../../dist/logs/lineDecoder.js';
import { LogSession } from '../../dist/logs/logSession.js';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const STREAMS = opt('streams', '1,3,30').split(',').map(Number);
const LINES = Number(opt('lines', 3_000_000));
const APART_US = args.includes('--tie') ? 0 : 37;

const kc = new KubeConfig();
kc.loadFromOptions({
  clusters: [{ name: 'c', server: 'https://127.0.0.1:1' }],
  users: [{ name: 'u' }],
  contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
  currentContext: 'x',
});
const FILLER = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(2);
const BASE_US = Date.UTC(2026, 11, 7, 14, 0, 0) * 1000;
/** The kubelet's fixed RFC 3339 form with nine fraction digits. */
const stamp = (us, ns) =>
  `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 19)}.${String(us % 1e6).padStart(6, '0')}${String(ns).padStart(3, '0')}Z`;

/** One 64 KiB chunk of a stream: the demo firehose's lines, ten a microsecond. */
function chunk(stream) {
  let out = '';
  while (out.length < 65536) {
    const i = stream.next++;
    const us = BASE_US + stream.offsetUs + Math.floor(i / 10);
    const payload = FILLER.slice(i % 62, (i % 62) + 56);
    out += `${stamp(us, (i % 10) * 100)} level=info msg="firehose" reqId=req-${i} payload=${payload}\n`;
  }
  return Buffer.from(out);
}

function replay(n) {
  const session = new LogSession(kc, { namespace: 'default', pod: 'w', containers: [], dynamic: true });
  const streams = [];
  for (let k = 0; k < n; k++) {
    const key = `fire-${k}/firehose`;
    session.addStream({ key, pod: `fire-${k}`, container: 'firehose' });
    session.sink.state(key, { kind: 'streaming' });
    const follower = new ContainerFollower(
      kc,
      { namespace: 'default', pod: `fire-${k}`, container: 'firehose', key },
      session.sink,
    );
    streams.push({
      follower,
      decoder: new LineDecoder((l) => follower.onLine(l)),
      next: 0,
      offsetUs: k * APART_US,
      chunks: [],
    });
  }
  for (let lines = 0; lines < LINES; lines += 500 * n) for (const s of streams) s.chunks.push(chunk(s));
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < streams[0].chunks.length; r++) {
    for (const s of streams) {
      const before = s.follower.counters.lines;
      s.decoder.push(s.chunks[r]);
      s.follower.flushed(before);
    }
  }
  session.close();
  const cpu = process.cpuUsage(cpu0);
  const stored = session.buffer.nextSeq;
  console.log(
    `${String(n).padStart(3)} streams: ${((cpu.user + cpu.system) / stored).toFixed(2)} µs of CPU per line (${stored.toLocaleString('en-US')} lines)`,
  );
}

console.log(`streams ${APART_US ? `${APART_US} µs apart` : 'with the same times (--tie)'}`);
for (const n of STREAMS) replay(n);
