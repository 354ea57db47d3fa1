/**
 * Under the containers view's selected container (issue 16): the restarts seen while podscope ran, newest
 * first (`12:01:33  exit 1  Error  (restart 3 · 200 lines kept)`), and the key that shows their lines.
 */
import { Text } from 'ink';
import type { PodRef } from '../../state/views.js';
import { useRestartHistory } from '../hooks/useRestartHistory.js';
import type { Session } from '../session.js';
import { theme } from '../theme.js';
import { restartSummary } from './restartLines.js';

/** The newest restarts listed; the restarts view (`h`) has them all. */
const SHOWN = 5;

export function RestartList({
  session,
  pod,
  container,
}: {
  session: Session;
  pod: PodRef;
  container: string;
}) {
  const history = useRestartHistory(session);
  const mine = history.records.filter(
    (r) => r.namespace === pod.namespace && r.pod === pod.name && r.container === container,
  );
  if (mine.length === 0) return null;
  const shown = mine.slice(-SHOWN).reverse();
  return (
    <>
      <Text color={theme.muted} wrap="truncate">
        {`restarts seen (${mine.length}; h shows the previous instances' last lines):`}
      </Text>
      {shown.map((r) => (
        <Text key={r.id} color={theme.health.failed} wrap="truncate">
          {'  ' + restartSummary(r)}
        </Text>
      ))}
    </>
  );
}
