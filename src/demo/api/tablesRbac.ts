/**
 * The Table columns and cells of the RBAC kinds, as the API server prints them (pkg/printers/internalversion
 * printers.go: printRole / printClusterRole — NAME and CREATED AT, an RFC 3339 time, not an age —, printRoleBinding
 * / printClusterRoleBinding — ROLE as `Kind/name`, AGE, and for -o wide USERS, GROUPS, SERVICEACCOUNTS, which the
 * server always fills: its TableConvertor prints wide). Descriptions as a 1.32 server sends them.
 */
import type { KubeObject } from '../../domain/wire.js';
import { age } from '../../domain/duration.js';
import type { RoleRef, Subject } from '../auth/rbacResolver.js';

interface Column {
  name: string;
  type: 'string' | 'date';
  format: string;
  description: string;
  priority: number;
}

const NAME: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};
const CREATION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

const str = (name: string, description: string, priority = 0): Column => ({
  name,
  type: 'string',
  format: '',
  description,
  priority,
});

const rolePrinter = {
  columns: [
    NAME,
    { name: 'Created At', type: 'date', format: '', description: CREATION, priority: 0 } as Column,
  ],
  cells: (o: KubeObject): string[] => [o.metadata?.name ?? '', o.metadata?.creationTimestamp ?? ''],
};

/** rbac.SubjectsStrings: users, groups, and service accounts as `namespace/name`. */
function subjectsStrings(subjects: Subject[]): [string, string, string] {
  const of = (kind: string) => subjects.filter((s) => s.kind === kind);
  return [
    of('User')
      .map((s) => s.name)
      .join(', '),
    of('Group')
      .map((s) => s.name)
      .join(', '),
    of('ServiceAccount')
      .map((s) => `${s.namespace ?? ''}/${s.name}`)
      .join(', '),
  ];
}

function bindingPrinter(roleDescription: string, what: string) {
  return {
    columns: [
      NAME,
      str('Role', roleDescription),
      str('Age', CREATION),
      str('Users', `Users in the ${what}`, 1),
      str('Groups', `Groups in the ${what}`, 1),
      str('ServiceAccounts', `ServiceAccounts in the ${what}`, 1),
    ],
    cells(o: KubeObject, now: number): string[] {
      const ref = (o['roleRef'] ?? {}) as RoleRef;
      const subjects = (o['subjects'] ?? []) as Subject[];
      return [
        o.metadata?.name ?? '',
        `${ref.kind}/${ref.name}`,
        age(o.metadata?.creationTimestamp, now),
        ...subjectsStrings(subjects),
      ];
    },
  };
}

/** By plural, for the rbac.authorization.k8s.io group. */
export const RBAC_PRINTERS = {
  roles: rolePrinter,
  clusterroles: rolePrinter,
  rolebindings: bindingPrinter(
    'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
    'roleBinding',
  ),
  clusterrolebindings: bindingPrinter(
    'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
    'clusterRoleBinding',
  ),
};
