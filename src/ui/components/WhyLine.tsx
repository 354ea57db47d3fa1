/**
 * "Why isn't it running": under the pods list, for a selected pod that is not healthy, the latest Warning event's
 * reason and message (for the demo's webserver: the failed pull of ngnx:latest).
 */
import { Text } from 'ink';
import type { LatestWarning } from '../../domain/podEvents.js';
import { theme } from '../theme.js';

export function WhyLine({ pod, warning }: { pod: string; warning: LatestWarning }) {
  return (
    <Text wrap="truncate" color={theme.warning}>
      {`${pod}${warning.container ? ` (${warning.container})` : ''}: ${warning.reason}: ${warning.message}`}
    </Text>
  );
}
