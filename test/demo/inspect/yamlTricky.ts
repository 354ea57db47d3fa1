/** A pod built to exercise go-yaml's quoting, folding, literal blocks and key order in the YAML comparisons. */
import type { Pod } from '../../../src/domain/wire.js';

export const TRICKY: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'yaml-tricky',
    namespace: 'default',
    labels: { app10: 'x', app2: 'y', app: 'z', App: 'w', 'a.b/c': 'd', 'a-b': 'e', a_b: 'f' },
    annotations: {
      long: 'A long annotation value that goes well beyond eighty characters in width so that go-yaml folds it',
      dq: 'Tab\tinside a long value that goes well beyond eighty characters in width so that it folds too',
      sq: '@starts with an indicator and goes well beyond eighty characters in width so that it folds',
      star: '*',
      on: 'on',
      num: '80',
      empty: '',
      colon: 'a: b',
      hash: 'a #b',
      multi: 'line1\nline2\n',
      multi2: 'line1\nline2',
      lead: '\n\nx',
      trail: 'x\n\n',
      space: ' leading',
      quote: "it's",
      unicode: 'héllo ✓',
      float: '1.5',
      stamp: '2025-03-14T12:00:00Z',
    },
    managedFields: [
      {
        manager: 'podscope-test',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2025-03-14T12:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      },
    ],
  },
  spec: {
    nodeName: 'not-a-demo-node',
    containers: [
      {
        name: 'c',
        image: 'busybox',
        args: [
          'A long argument that goes well beyond eighty characters in width so that go-yaml folds it',
          'multi\nline\n',
          '',
          '80',
        ],
      },
    ],
  },
};
