/**
 * What every text view of one pod (describe, YAML, events, ports, inside) says before the pod is read and after
 * it is deleted, in one place so the views word it alike.
 */
import type { TextLine } from '../../domain/textLayout.js';

/** The notice over a view whose pod was deleted: its last state stays on screen. */
export const POD_DELETED_NOTICE = 'the pod was deleted: this is its last state';

/** The one muted line shown until the pod is read: why it can't be, or `loading…`. */
export function podLoadingLines(detail: { readonly error?: string | undefined }): readonly TextLine[] {
  return [{ text: detail.error ?? 'loading…', spans: [{ start: 0, end: 80, kind: 'muted' }] }];
}
