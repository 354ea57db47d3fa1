/**
 * What a restricted user sees, as scenarios over any cluster that has a viewer and an editor with the rights of
 * issue 12 §2 (see restrictedUsers.ts): the real control plane today (test/real/restrictedUser.test.tsx), the
 * demo's `podscope-demo-viewer` / `podscope-demo-editor` contexts once the demo enforces RBAC — the scenarios take
 * kubeconfigs and names, nothing else.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { expect } from 'vitest';
import { KEY, renderApp, selectedRow, type DashboardHarness } from './appHarness.js';

export interface RestrictedWorld {
  /** The viewer, current context on `namespaces[0]`. */
  viewer: KubeConfig;
  /** The editor, current context on `namespaces[0]`. */
  editor: KubeConfig;
  /** Where both may list pods; each has at least one pod. */
  namespaces: readonly [string, string];
  /** What the viewer's all-namespaces view should fall back to (the candidates its kubeconfig yields). */
  listable: readonly string[];
  /** A pod of `listable`'s last namespace, and one in a namespace neither user may list. */
  visiblePod: string;
  hiddenPod: string;
  /** Creates a pod (as the admin) in one of `namespaces`. */
  addPod(namespace: string, name: string): Promise<void>;
  /** Deletes a pod at once (as the admin, grace 0). */
  deletePod(namespace: string, name: string): Promise<void>;
  /** The user's name as the API server's 403 names it. */
  viewerName: string;
}

const CTRL_D = '\x04';

/** -A for a user who may not list pods at the cluster scope: one line, the pods they may list, live. */
export async function allNamespacesFallsBack(w: RestrictedWorld): Promise<DashboardHarness> {
  const h = await renderApp(w.viewer);
  const line = `cannot list pods at the cluster scope (forbidden): showing the namespaces you may list: ${w.listable.join(', ')}`;
  await h.waitForScreen((s) => s.includes(line), 'the line saying why only some namespaces are shown');
  await h.waitForScreen(
    () => h.rows().some((r) => r.includes(w.visiblePod)),
    `${w.visiblePod}, from the second namespace`,
  );
  const rows = h.rows();
  expect(rows.some((r) => r.includes(w.hiddenPod))).toBe(false);
  // Every row is in a namespace the user may list (NAMESPACE is the first column in all namespaces).
  for (const r of rows) expect(w.listable).toContain(r.split(/\s+/)[0]);
  // Live, not retrying: the per-namespace watches are open.
  expect(h.screen()).toContain('● live');
  expect(h.screen()).not.toContain('reconnecting');
  const last = w.listable[w.listable.length - 1]!;
  await w.addPod(last, 'arrives-later');
  await h.waitForScreen(
    () => h.rows().some((r) => r.includes('arrives-later')),
    'a pod created afterwards to appear (the namespace is watched)',
  );
  await w.deletePod(last, 'arrives-later');
  await h.waitForScreen(
    () => !h.rows().some((r) => r.includes('arrives-later')),
    'the pod to go when it is deleted',
  );
  expect(h.rows().some((r) => r.includes(w.visiblePod))).toBe(true);
  return h;
}

/** The keys a viewer may not use are struck out with the reason, and say why when pressed. */
export async function viewerKeysSayWhy(w: RestrictedWorld): Promise<DashboardHarness> {
  const ns = w.namespaces[0];
  // Tall enough for help to reach the pod keys (the help grew with the key that clears marks).
  const h = await renderApp(w.viewer, { namespace: ns, height: 60 });
  await h.waitForScreen(
    (s) => s.includes(`✗ not allowed in ${ns}: create pods/exec, create pods/portforward, delete pods`),
    'the hint bar to mark shell, port-forward and delete unavailable, with why',
  );
  // The pod's name: the row's AGE may tick on meanwhile.
  const selectedName = (): string | undefined => selectedRow(h.screen())?.split(/\s+/)[0];
  const before = selectedName();
  await h.press('s');
  await h.waitForScreen((s) => s.includes(`not allowed: create pods/exec in ${ns}`), 'why no shell');
  await h.press('F');
  await h.waitForScreen(
    (s) => s.includes(`not allowed: create pods/portforward in ${ns}`),
    'why no port-forward',
  );
  await h.press(CTRL_D);
  await h.waitForScreen((s) => s.includes(`not allowed: delete pods in ${ns}`), 'why no delete');
  // No dialog opened, the list is still there with the same selection.
  expect(h.screen()).not.toContain('Cancel');
  expect(selectedName()).toBe(before);
  await h.press('?');
  await h.waitForScreen(
    (s) => s.includes(`✗ unavailable: not allowed: create pods/exec in ${ns}`),
    'help to say the shell is unavailable and why',
  );
  expect(h.screen()).not.toMatch(/Stream the logs[^\n]*unavailable/);
  await h.press(KEY.escape);
  await h.waitForScreen((s) => !s.includes('Keys — Esc'), 'help to close');
  // Logs are allowed: the key works.
  await h.press('l');
  await h.waitForScreen((s) => s.includes(`Logs ${ns}/`), 'the logs view');
  return h;
}

/** The editor may delete and port-forward (the dialogs open) but not exec. */
export async function editorKeys(w: RestrictedWorld): Promise<DashboardHarness> {
  const ns = w.namespaces[0];
  const h = await renderApp(w.editor, { namespace: ns });
  await h.waitForScreen(
    (s) => s.includes(`✗ not allowed in ${ns}: create pods/exec`) && !s.includes('delete pods'),
    'only the shell marked unavailable',
  );
  await h.press(CTRL_D);
  await h.waitForScreen((s) => s.includes('Cancel'), 'the delete dialog');
  await h.press(KEY.escape);
  await h.waitForScreen((s) => !s.includes('Cancel'), 'the dialog to close');
  await h.press('s');
  await h.waitForScreen((s) => s.includes(`not allowed: create pods/exec in ${ns}`), 'why no shell');
  return h;
}

/** A 403 from the namespace picker's list is one line naming the user, not an empty picker. */
export async function namespacePickerForbidden(w: RestrictedWorld): Promise<DashboardHarness> {
  // Wide enough for the API server's whole sentence.
  const h = await renderApp(w.viewer, { namespace: w.namespaces[0], width: 220 });
  await h.press('n');
  await h.waitForScreen(
    (s) =>
      s.includes(
        `cannot list namespaces: namespaces is forbidden: User "${w.viewerName}" cannot list resource "namespaces" in API group "" at the cluster scope`,
      ),
    'the 403 in one line',
  );
  return h;
}
