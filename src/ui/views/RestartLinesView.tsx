/**
 * The restarts view (`h` in the containers view, issue 16): the restarts of one container seen while podscope
 * ran, newest first, each with its previous instance's last lines as they were fetched at the restart. Read-only
 * text: it scrolls, searches (`/`, `n`, `N`), saves (`s`) and copies (`c`) like describe.
 */
import type { RefObject } from 'react';
import { useMemo } from 'react';
import type { ViewEntry } from '../../state/views.js';
import { useRestartHistory } from '../hooks/useRestartHistory.js';
import type { Session } from '../session.js';
import { colorOf } from './PodTextView.js';
import { restartTextLines } from './restartLines.js';
import { TextView } from './TextView.js';
import type { ViewData } from './viewData.js';

export interface RestartLinesViewProps {
  entry: Extract<ViewEntry, { kind: 'text' }>;
  session: Session;
  width: number;
  height: number;
  viewData: RefObject<ViewData | undefined>;
}

export function RestartLinesView({ entry, session, width, height, viewData }: RestartLinesViewProps) {
  const history = useRestartHistory(session);
  const { namespace, name } = entry.pod;
  const lines = useMemo(
    () =>
      restartTextLines(
        history.records.filter((r) => r.namespace === namespace && r.pod === name),
        entry.container,
      ),
    [history, namespace, name, entry.container],
  );
  return (
    <TextView
      entry={entry}
      title={`Restarts of ${namespace}/${name}, container ${entry.container ?? '(all)'}: previous instances' last lines`}
      lines={lines}
      notice={undefined}
      width={width}
      height={height}
      viewData={viewData}
      colorOf={colorOf}
    />
  );
}
