/**
 * What a scenario observes of one server: a labelled sequence of JSON values (a status code and Status, the
 * chosen fields of an object, a watch's event types, kubectl's exit code and output), already normalised, so
 * that two servers' observations are equal exactly when a client could not tell them apart.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Observation {
  /** What was done, e.g. `list limit=2` — the same on both servers, since scenarios don't branch on the target. */
  label: string;
  value: Json;
}

/** One difference between two servers' observations of the same step. */
export interface Difference {
  label: string;
  /** Where in the value, `.status.code`, or '' for the whole value. */
  path: string;
  demo: string;
  real: string;
}
