/** Which keymap scopes are live: the open modal's first, then the top view's, then the global keys. */
import type { Scope } from '../../keymap/bindings.js';
import type { UiState } from '../../state/uiState.js';
import type { ViewEntry } from '../../state/views.js';

function viewScopes(top: ViewEntry | undefined): Scope[] {
  switch (top?.kind) {
    case undefined:
      return ['pods', 'podActions', 'global'];
    case 'containers':
      return ['containers', 'podActions', 'global'];
    case 'text':
      if (top.text === 'ports') return ['ports', 'text', 'global'];
      if (top.text === 'inside') return ['inside', 'text', 'global'];
      return top.text === 'yaml' ? ['text', 'yaml', 'global'] : ['text', 'global'];
    case 'logs':
      return ['logs', 'global'];
    case 'forwards':
      return ['forwards', 'global'];
    case 'reach':
      return ['reach', 'global'];
    case 'apply':
      return ['apply', 'global'];
  }
}

export function scopesFor(ui: UiState): Scope[] {
  switch (ui.modal.kind) {
    case 'help':
      return ['help'];
    case 'filter':
    case 'command':
    case 'picker':
    case 'search':
    case 'dialog':
      return [ui.modal.kind, 'global'];
    case 'none':
      return viewScopes(ui.stack[ui.stack.length - 1]);
  }
}
