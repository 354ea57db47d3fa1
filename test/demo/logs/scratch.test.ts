import { it } from 'vitest';
import { imageProfile } from '../../../src/demo/images.js';
import type { ContainerRun } from '../../../src/demo/runtime.js';
import { logScript } from '../../../src/demo/logs/styles/index.js';
import { writeFileSync } from 'node:fs';

it('prints', () => {
  let out = '';
  for (const image of ['nginx', 'hello', 'kiada', 'podscope/api', 'busybox', 'podscope/crasher', 'podscope/job', 'podscope/migrate', 'podscope/firehose']) {
    for (const seed of [1, 2, 7]) {
      const run: ContainerRun = { id: 'containerd://x', namespace: 'default', pod: 'hello', podUid: 'u', container: 'c', image, profile: imageProfile(image), restart: 0, startedAt: Date.UTC(2026, 10, 21, 10, 41, 27, 123), seed };
      const s = logScript(run);
      out += `==== ${image} seed=${seed}\n`;
      for (let i = 0; i < (image === "podscope/api" ? 400 : 45) && Number.isFinite(s.at(i)); i++) out += `${(s.at(i) / 1e6).toFixed(6).padStart(12)} ${s.text(i)}\n`;
    }
  }
  writeFileSync('/tmp/logs-sample.txt', out);
});
