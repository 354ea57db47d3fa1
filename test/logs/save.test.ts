/** Saving the buffer: every retained line, an honest header when lines were evicted, never overwriting a file. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseContainer } from '../../src/domain/containerChoice.js';
import { previousUnavailable } from '../../src/logs/containerPhase.js';
import type { Pod } from '../../src/domain/wire.js';
import { LineBuffer } from '../../src/logs/lineBuffer.js';
import { saveLines } from '../../src/logs/saveLines.js';

describe('saveLines', () => {
  it('writes every retained line, says how many were evicted, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-save-'));
    const b = new LineBuffer(3000);
    for (let i = 0; i < 100; i++)
      b.append('api', `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000000000Z`, `line ${i}`, 'line');
    const lines = b.slice(b.firstSeq, b.nextSeq);
    const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const opts = { name: 'default/web 1', timestamps: true, containerPrefix: true, dir, now };
    const first = await saveLines(lines, b.evicted, opts);
    expect(first.path).toBe(join(dir, 'podscope-default_web_1-20260102T030405.log'));
    const text = readFileSync(first.path, 'utf8').split('\n');
    expect(text[0]).toBe(
      `# podscope: ${b.evicted} earlier lines were evicted from the buffer before this save`,
    );
    expect(text.slice(1, -1)).toEqual(lines.map((l) => `${l.time} [api] ${l.text}`));
    expect(first.lines).toBe(b.size);
    const second = await saveLines(lines, 0, { ...opts, timestamps: false, containerPrefix: false });
    expect(second.path).toBe(join(dir, 'podscope-default_web_1-20260102T030405-2.log'));
    expect(readFileSync(second.path, 'utf8')).toBe(lines.map((l) => `${l.text}\n`).join(''));
    expect(readFileSync(first.path, 'utf8').split('\n')).toEqual(text);
  });

  it('fails with a one-line message when the directory cannot be written', async () => {
    await expect(
      saveLines([], 0, { name: 'x', timestamps: false, containerPrefix: false, dir: '/nonexistent/dir' }),
    ).rejects.toThrow(/^cannot create a log file in \/nonexistent\/dir: ENOENT/);
  });
});

describe('container choice', () => {
  const pod = (annotations?: Record<string, string>, restartCount = 0): Pod => ({
    metadata: { name: 'p', ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'sidecar' }, { name: 'api' }] },
    status: {
      containerStatuses: [
        {
          name: 'api',
          restartCount,
          ...(restartCount ? { lastState: { terminated: { exitCode: 1, containerID: 'c://1' } } } : {}),
        },
      ],
    } as Pod['status'],
  });

  it('opens the selected container, else the annotated default, else asks', () => {
    expect(chooseContainer(pod(), 'sidecar')).toEqual({ kind: 'chosen', container: 'sidecar' });
    expect(chooseContainer(pod({ 'kubectl.kubernetes.io/default-container': 'api' }), undefined)).toEqual({
      kind: 'chosen',
      container: 'api',
    });
    expect(chooseContainer(pod(), undefined)).toEqual({ kind: 'pick', items: ['sidecar', 'api'] });
  });

  it('says why there are no previous logs', () => {
    expect(previousUnavailable(pod(), 'api')).toBe(
      'container api has not restarted: there are no previous logs',
    );
    expect(previousUnavailable(pod(), 'sidecar')).toBe('container sidecar has not started yet');
    expect(previousUnavailable(pod(undefined, 2), 'api')).toBeUndefined();
  });
});
