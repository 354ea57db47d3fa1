/**
 * A user's `tokenFile` (kubectl's field; relative paths are made relative to the kubeconfig's folder when the file
 * is loaded): read on first use and read again whenever the file changes, so projected service-account tokens and
 * rotated tokens are picked up while podscope runs. client-go reads it through `NewCachedFileTokenSource`
 * (k8s.io/client-go/transport/token_source.go), which re-reads every minute and trims whitespace; here the file's
 * modification time and size are checked on each request instead (a stat is cheap), so a rotation is seen at once.
 */
import { readFileSync, statSync } from 'node:fs';
import { errnoCode, errorMessage } from '../errors.js';
import type { User } from '../plainKubeConfig.js';
import { authProviderOf } from './authProvider.js';

interface Cached {
  stamp: string;
  token: string;
}

const cache = new Map<string, Cached>();

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

/** Why a file the kubeconfig names can't be read, as one line (`cannot read tokenFile /x: no such file`). */
export function fileProblem(field: string, file: string, e: unknown): Error {
  return new Error(`cannot read ${field} ${file}: ${REASONS[errnoCode(e)] ?? errorMessage(e)}`);
}

/** The user's token file, or undefined: kubectl's `tokenFile`, or the in-cluster user's (see connect.ts). */
export function tokenFileOf(user: User): string | undefined {
  const own = 'tokenFile' in user ? user.tokenFile : undefined;
  if (typeof own === 'string' && own !== '') return own;
  const file = authProviderOf(user)?.config?.['tokenFile'];
  return typeof file === 'string' && file !== '' ? file : undefined;
}

/**
 * The token in `file`, read again when the file has changed. Throws one line when it can't be read or is empty
 * (client-go: `read empty token from file`).
 */
export function readTokenFile(file: string): string {
  let stamp: string;
  try {
    const s = statSync(file);
    stamp = `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch (e) {
    throw fileProblem('tokenFile', file, e);
  }
  const hit = cache.get(file);
  if (hit && hit.stamp === stamp) return hit.token;
  let token: string;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw fileProblem('tokenFile', file, e);
  }
  if (!token) throw new Error(`read empty token from file ${file}`);
  cache.set(file, { stamp, token });
  return token;
}

/** Forgets what was read from `file` (after a 401: the next request reads it again). */
export function forgetTokenFile(file: string): void {
  cache.delete(file);
}
