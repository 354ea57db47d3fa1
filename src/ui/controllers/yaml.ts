/** The YAML view's own key: show or hide metadata.managedFields (the rest are the text views'). */
import { updateText } from './text.js';
import type { Controller } from './types.js';

/** The YAML view's controller. */
export const yamlController: Controller = {
  scope: 'yaml',
  handlers: {
    'yaml.managedFields': (ctx) => updateText(ctx, (v) => ({ ...v, managedFields: !v.managedFields })),
  },
};
