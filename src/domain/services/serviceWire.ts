/**
 * Services and EndpointSlices as they travel on the wire (issue 16): client-node's model types with dates as
 * strings, as `wire.ts` does for the other kinds. Kept beside the service rules rather than in wire.ts.
 */
import type { V1EndpointSlice, V1Service, V1ServicePort } from '@kubernetes/client-node';
import type { Wire } from '../wire.js';

export type Service = Wire<V1Service>;
export type ServicePort = Wire<V1ServicePort>;
export type EndpointSlice = Wire<V1EndpointSlice>;
