/**
 * The release a `/version` answer names, as podscope reads it to follow that server's pod printer: plain releases,
 * managed clusters' decorated ones (EKS, GKE, AKS, k3s, OpenShift answers as they print them), and answers that
 * name no release podscope knows (the newest printer then applies).
 */
import { describe, expect, it } from 'vitest';
import { minorOfVersion } from '../../src/domain/printerVersion.js';

describe('minorOfVersion', () => {
  it.each([
    ['kube-apiserver v1.32.13', { major: '1', minor: '32', gitVersion: 'v1.32.13' }, 32],
    ['EKS', { major: '1', minor: '32+', gitVersion: 'v1.32.3-eks-4096722' }, 32],
    ['GKE', { major: '1', minor: '31+', gitVersion: 'v1.31.6-gke.1020000' }, 31],
    ['AKS', { major: '1', minor: '30', gitVersion: 'v1.30.10' }, 30],
    ['k3s', { major: '1', minor: '33', gitVersion: 'v1.33.1+k3s1' }, 33],
    ['minor left empty: the gitVersion decides', { major: '', minor: '', gitVersion: 'v1.35.0-rc.1' }, 35],
    ['only a gitVersion', { gitVersion: 'v1.29.4' }, 29],
  ])('%s', (_label, info, minor) => {
    expect(minorOfVersion(info)).toBe(minor);
  });

  it.each([
    ['nothing', {}],
    ['a major that is not 1', { major: '2', minor: '0', gitVersion: 'v2.0.0' }],
    ['not strings', { major: 1, minor: 32 }],
    ['a gitVersion that is no release', { gitVersion: 'devel' }],
  ])('names no release: %s', (_label, info) => {
    expect(minorOfVersion(info)).toBeUndefined();
  });
});
