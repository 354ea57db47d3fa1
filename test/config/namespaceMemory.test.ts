/**
 * The namespace memory on a real file system, in a temporary XDG_CONFIG_HOME: where the file goes (XDG, else
 * ~/.config), a round trip that keeps other contexts, atomic writes (no temporary file left), and a broken file
 * that is a one-line warning, not an exception, and is rewritten by the next save.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configDir } from '../../src/config/configDir.js';
import {
  loadNamespaceMemory,
  namespaceMemoryPath,
  saveContextMemory,
} from '../../src/config/namespaceMemory.js';

const dirs: string[] = [];
function tempXdg(): string {
  const d = mkdtempSync(join(tmpdir(), 'podscope-xdg-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('config directory', () => {
  it('is $XDG_CONFIG_HOME/podscope when that is absolute, else ~/.config/podscope', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x/conf' }, '/home/u')).toBe('/x/conf/podscope');
    expect(configDir({}, '/home/u')).toBe('/home/u/.config/podscope');
    // The XDG spec: a relative path is invalid and ignored.
    expect(configDir({ XDG_CONFIG_HOME: 'rel/conf' }, '/home/u')).toBe('/home/u/.config/podscope');
    expect(configDir({ XDG_CONFIG_HOME: '' }, '/home/u')).toBe('/home/u/.config/podscope');
  });
});

describe('namespace memory', () => {
  it('starts empty, and keeps each context’s favourites and last namespace across saves', () => {
    const dir = configDir({ XDG_CONFIG_HOME: tempXdg() });
    expect(loadNamespaceMemory(dir)).toEqual({ memory: { contexts: {} } });
    expect(
      saveContextMemory(dir, 'kind-dev', { favourites: ['default', 'shop'], lastNamespace: 'shop' }),
    ).toBe(undefined);
    expect(saveContextMemory(dir, 'prod', { favourites: ['default'], lastNamespace: null })).toBe(undefined);
    expect(loadNamespaceMemory(dir)).toEqual({
      memory: {
        contexts: {
          'kind-dev': { favourites: ['default', 'shop'], lastNamespace: 'shop' },
          prod: { favourites: ['default'], lastNamespace: null },
        },
      },
    });
    // Written by rename: only the file itself is there, no temporary left behind.
    expect(readdirSync(dir)).toEqual(['namespaces.json']);
  });

  it('ignores a broken file with a one-line warning, and the next save replaces it', () => {
    const dir = configDir({ XDG_CONFIG_HOME: tempXdg() });
    mkdirSync(dir, { recursive: true });
    const path = namespaceMemoryPath(dir);
    for (const [text, why] of [
      ['{"version":1,"contexts":{"a":{"favourites":["x"', 'not valid JSON'],
      ['[1,2]', 'not a JSON object'],
      ['{"version":7,"contexts":{}}', 'unknown version 7'],
      ['{"version":1,"contexts":{"a":{"favourites":"x","lastNamespace":null}}}', 'context "a" is not'],
    ] as const) {
      writeFileSync(path, text);
      const loaded = loadNamespaceMemory(dir);
      expect(loaded.memory).toEqual({ contexts: {} });
      expect(loaded.warning).toContain(`ignoring ${path}: ${why}`);
      expect(loaded.warning).not.toContain('\n');
    }
    expect(saveContextMemory(dir, 'a', { favourites: ['default'], lastNamespace: 'default' })).toBe(
      undefined,
    );
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 1,
      contexts: { a: { favourites: ['default'], lastNamespace: 'default' } },
    });
  });

  it('says in one line when the directory cannot be written', () => {
    const xdg = tempXdg();
    writeFileSync(join(xdg, 'podscope'), 'a file where the directory should be');
    const err = saveContextMemory(join(xdg, 'podscope'), 'a', { favourites: [], lastNamespace: null });
    expect(err).toMatch(/^cannot save favourites to .*namespaces\.json: E[A-Z]+$/);
  });
});
