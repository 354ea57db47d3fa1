/**
 * Reading a service-account token's times from its JWT payload, on payloads their authors published
 * (test/fixtures/inside/serviceAccountTokens.json, sources named there): `kubectl create token` (1 h), and a
 * pod's projected token that kube-apiserver extended to a year with `warnafter` at 3607 s.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenTimes } from '../../../src/domain/inside/jwtClaims.js';

interface Fixture {
  id: string;
  payload?: string;
  claims?: object;
  expected: object;
}
const { tokens } = JSON.parse(
  readFileSync(new URL('../../fixtures/inside/serviceAccountTokens.json', import.meta.url), 'utf8'),
) as { tokens: Fixture[] };

/** A token with the published payload; the header and signature were not published and are not read. */
function jwt(f: Fixture): string {
  const payload = f.payload ?? Buffer.from(JSON.stringify(f.claims)).toString('base64url');
  return `eyJhbGciOiJSUzI1NiJ9.${payload}.c2lnbmF0dXJl\n`;
}

describe('tokenTimes', () => {
  for (const f of tokens)
    it(`reads exp, iat, warnafter and the subject of ${f.id}`, () => {
      expect(tokenTimes(jwt(f))).toEqual({ warnafter: undefined, ...f.expected });
    });

  it('sees the extension kube-apiserver gives a pod’s 3607 s token: a year, warning after 3607 s', () => {
    const times = tokenTimes(jwt(tokens[1]!));
    if ('error' in times) throw new Error(times.error);
    expect(times.exp! - times.iat!).toBe(365 * 24 * 3600);
    expect(times.warnafter! - times.iat!).toBe(3607);
  });

  it('says why a file is not a token, without repeating any of it', () => {
    const secretish = 'c2VjcmV0LXRva2VuLXZhbHVl';
    for (const bad of [secretish, `a.${secretish}`, `a.!!!${secretish}.c`, `a.${btoa('[1,2]')}.c`]) {
      const result = tokenTimes(bad);
      expect(result).toHaveProperty('error');
      expect(JSON.stringify(result)).not.toContain(secretish);
    }
  });
});
