/**
 * The pod as `kubectl get pod -o yaml` prints it (kubectl 1.32: `managedFields` left out unless asked for), as
 * lines of coloured spans for the YAML view. See yaml/emitter.ts for the formatting rules.
 */
import type { Pod } from './wire.js';
import { yamlLines } from './yaml/emitter.js';
import type { YamlLine } from './yaml/emitter.js';

export type { YamlLine, YamlSpan, YamlTokenKind } from './yaml/emitter.js';

export interface PodYamlOptions {
  /** Keep `metadata.managedFields` (`kubectl get -o yaml --show-managed-fields`). */
  managedFields?: boolean;
}

/**
 * The pod's YAML, line by line with spans (key, string, number, boolean, null, punctuation, space).
 * @param pod the full pod as the API sent it
 */
export function podYamlLines(pod: Pod, options: PodYamlOptions = {}): YamlLine[] {
  let object: Pod = pod;
  if (!options.managedFields && pod.metadata?.managedFields) {
    const { managedFields: _dropped, ...metadata } = pod.metadata;
    object = { ...pod, metadata };
  }
  return yamlLines(object);
}

/**
 * The pod's YAML as text, ending with a newline, as kubectl prints it.
 * @param pod the full pod as the API sent it
 */
export function podYaml(pod: Pod, options: PodYamlOptions = {}): string {
  return `${podYamlLines(pod, options)
    .map((l) => l.text)
    .join('\n')}\n`;
}
