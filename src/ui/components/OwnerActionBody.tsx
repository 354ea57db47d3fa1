/** The owner action's confirm (`:restart`, `:scale N`): which workload, what changes, how kubectl would do it. */
import { Text } from 'ink';
import type { OwnerActionDialog } from '../../state/ownerDialog.js';
import { theme } from '../theme.js';
import { Button } from './DialogBox.js';

const HOW: Record<string, string> = {
  Deployment: 'a new ReplicaSet replaces every pod, a few at a time (its maxSurge and maxUnavailable)',
  StatefulSet: 'its pods are replaced one at a time, the highest ordinal first',
  DaemonSet: "each node's pod is replaced (its maxUnavailable at a time)",
};

/** The confirm's lines, as drawn (its height follows from them). */
export function ownerActionTexts(d: OwnerActionDialog): [string, string, string] {
  const t = d.target;
  const where = `${t.kind} ${t.namespace}/${t.name}`;
  const from = `the owner of pod ${d.pod.name}; the header follows the rollout until it is done`;
  if (d.action === 'restart')
    return [
      `Restart ${where}?`,
      `Sets spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] to now, as kubectl rollout restart does: ${HOW[t.kind] ?? 'its pods are replaced'}.`,
      `It is ${from}.`,
    ];
  const fewer =
    d.from !== undefined && d.to !== undefined && d.to < d.from
      ? ` ${d.from - d.to} pods will be deleted.`
      : '';
  return [
    `Scale ${where} from ${d.from ?? '?'} to ${d.to ?? '?'} replicas?`,
    `Sets spec.replicas through the scale subresource, as kubectl scale does.${fewer}`,
    `It is ${from}.`,
  ];
}

export function OwnerActionBody({ d }: { d: OwnerActionDialog }) {
  const [title, what, note] = ownerActionTexts(d);
  return (
    <>
      <Text bold color={theme.warning}>
        {title}
      </Text>
      <Text>{what}</Text>
      <Text color={theme.muted}>{note}</Text>
      <Text>
        <Button label="Cancel" focused={d.focus === 'cancel'} />
        {'  '}
        <Button label={d.action === 'restart' ? 'Restart' : 'Scale'} focused={d.focus === 'confirm'} danger />
      </Text>
    </>
  );
}
