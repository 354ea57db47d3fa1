/**
 * Keys as data, handled in one place: every command a scope binds has a handler in that scope's controller
 * (src/ui/controllers/), and every handler a controller holds is bound in its scope, so a key cannot be declared
 * without what it does, nor a handler left behind when its key goes.
 */
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../src/keymap/bindings.js';
import { BINDINGS } from '../../src/keymap/bindings.js';
import { CONTROLLERS } from '../../src/ui/controllers/registry.js';

const scopes = Object.keys(BINDINGS) as Scope[];

describe('controllers', () => {
  it.each(scopes)('%s: one controller, a handler for every binding, no handler without one', (scope) => {
    const controller = CONTROLLERS[scope];
    expect(controller.scope).toBe(scope);
    const bound = new Set(BINDINGS[scope].map((b) => b.command));
    expect([...bound].filter((c) => !controller.handlers[c])).toEqual([]);
    expect(Object.keys(controller.handlers).filter((c) => !bound.has(c as never))).toEqual([]);
    for (const c of Object.keys(controller.disabledReasons ?? {})) expect(bound).toContain(c);
  });
});
