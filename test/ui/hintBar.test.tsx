/**
 * The hint bar as a user sees it at 80, 100, 160 and 200 columns: it never runs past the edge or cuts a hint in
 * half; the least useful hints go first (sort keys before logs and shell), `?` last; a restricted user's reasons
 * stay visible right after quit and help.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandId } from '../../src/keymap/commands.js';
import type { DisabledReason } from '../../src/keymap/disabled.js';
import { hints } from '../../src/keymap/resolve.js';
import { HintBar } from '../../src/ui/components/HintBar.js';
import { fitHints } from '../../src/ui/components/HintBarFit.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function bar(width: number, disabled?: (c: CommandId) => DisabledReason | undefined): string {
  const app = render(<HintBar scopes={['pods', 'podActions', 'global']} width={width} disabled={disabled} />);
  unmount = app.unmount;
  Object.defineProperty(app.stdout, 'columns', { value: 400 });
  app.rerender(<HintBar scopes={['pods', 'podActions', 'global']} width={width} disabled={disabled} />);
  return app.lastFrame() ?? '';
}

/** Every hint of the pods view as drawn (`keys title`), to check the bar holds whole hints only. */
const WHOLE = hints(['pods', 'podActions', 'global']).map((h) => `${h.keys} ${h.title}`);

describe('HintBar', () => {
  it.each([80, 100, 160])('fits %i columns with whole hints, the least useful dropped first', (width) => {
    const line = bar(width);
    expect(line.length).toBeLessThanOrEqual(width);
    const shown = line.split(/ {2,}/);
    for (const h of shown) expect(WHOLE).toContain(h);
    expect(shown.slice(0, 2)).toEqual(['q/Ctrl-C quit', '? help']);
    expect(shown).toContain('l logs');
    expect(shown).toContain('d describe');
    // Sorting goes before the keys a user opens a pod for.
    if (shown.includes('< sort ←')) expect(shown).toContain('s shell');
  });

  it('shows every hint when there is room', () => {
    // Exactly the width of every hint two spaces apart; one column less and a hint has to go.
    const room = WHOLE.join('  ').length;
    expect(bar(room).split(/ {2,}/)).toEqual(WHOLE);
    expect(bar(room - 1).split(/ {2,}/)).not.toEqual(WHOLE);
  });

  it('keeps `?` last of all, after quit', () => {
    const items = hints(['pods', 'podActions', 'global']);
    expect(fitHints(items, undefined, 8).hints.map((h) => h.keys)).toEqual(['?']);
    expect(fitHints(items, undefined, 22).hints.map((h) => h.keys)).toEqual(['q/Ctrl-C', '?']);
  });

  it("keeps a restricted user's reasons right after quit and help, before the view's hints", () => {
    const denied = (c: CommandId): DisabledReason | undefined =>
      c === 'pod.shell' || c === 'pod.delete'
        ? {
            text: 'not allowed',
            head: 'not allowed in frontend',
            item: c === 'pod.shell' ? 'create pods/exec' : 'delete pods',
          }
        : undefined;
    const line = bar(80, denied);
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^q\/Ctrl-C quit {2}\? help {2}✗ not allowed in frontend/);
  });
});
