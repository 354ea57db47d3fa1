/**
 * `-n NAMESPACE` on the command line, in pflag's forms, for `:pf` and `:logs`.
 */
import { describe, expect, it } from 'vitest';
import { parseFollowSpec } from '../../src/domain/followForward.js';
import { takeNamespaceFlag } from '../../src/domain/namespaceFlag.js';
import { parseLogTarget } from '../../src/domain/workloadLogs.js';

describe('the namespace flag', () => {
  it.each([
    ['deploy/web-app -n frontend', 'frontend'],
    ['-n frontend deploy/web-app', 'frontend'],
    ['deploy/web-app -nfrontend', 'frontend'],
    ['deploy/web-app -n=frontend', 'frontend'],
    ['deploy/web-app --namespace frontend', 'frontend'],
    ['deploy/web-app --namespace=frontend', 'frontend'],
    ['deploy/web-app', undefined],
  ])('%s → %s', (arg, namespace) => {
    expect(takeNamespaceFlag(arg)).toEqual({ rest: 'deploy/web-app', namespace });
  });

  it('says what is wrong in one line', () => {
    expect(takeNamespaceFlag('deploy/x -n')).toEqual({ error: 'flag needs an argument: -n' });
    expect(takeNamespaceFlag('deploy/x -n Front_End')).toEqual({
      error: '"Front_End" is not a namespace name (lowercase letters, digits and "-")',
    });
    expect(takeNamespaceFlag('deploy/x -n a -n b')).toEqual({ error: 'two namespaces given: a and b' });
  });

  it(':logs takes it with a workload and with a selector', () => {
    expect(parseLogTarget('deploy/web-app -n frontend')).toMatchObject({
      kind: 'workload',
      name: 'web-app',
      namespace: 'frontend',
    });
    expect(parseLogTarget('-l app=web-app -n frontend')).toEqual({
      kind: 'selector',
      selector: 'app=web-app',
      namespace: 'frontend',
    });
    expect(parseLogTarget('-l app=web-app')).toEqual({ kind: 'selector', selector: 'app=web-app' });
  });

  it(':pf takes it before or after the ports', () => {
    expect(parseFollowSpec('svc/frontend 18080:8080 -n frontend')).toMatchObject({ namespace: 'frontend' });
    expect(parseFollowSpec('-n frontend svc/frontend 8080')).toMatchObject({ namespace: 'frontend' });
    expect(parseFollowSpec('svc/frontend 8080 -n')).toEqual({
      error:
        'flag needs an argument: -n; usage: :pf TYPE/NAME [LOCAL:]REMOTE [-n NAMESPACE] (TYPE: svc, deploy, sts, ds, rs, pod)',
    });
  });
});
