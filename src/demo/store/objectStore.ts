/**
 * The demo cluster's etcd: objects by type and key, one global resourceVersion, a bounded history of changes for
 * watches to resume from (older versions answer 410 Gone, as after an etcd compaction), and subscribers.
 */
import type { KubeObject } from '../../domain/wire.js';
import type { ResourceType } from './resourceTypes.js';
import { apiVersionOf } from './resourceTypes.js';
import { wireOrder } from '../api/podWire.js';
import { uuid } from '../ids.js';
import { lowerBound, mergeSorted, removeSorted } from './sortedKeys.js';
import type { StoreView } from './storeView.js';
import { currentView, pastView } from './storeView.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, as watchers receive it. `previous` is the object before a MODIFIED or DELETED. */
export interface Change {
  type: ChangeType;
  resource: ResourceType;
  rv: number;
  object: KubeObject;
  previous?: KubeObject;
}

export type ChangeListener = (change: Change) => void;

/** Thrown for refused creates and updates; the HTTP layer turns it into a Status. */
export class StoreError extends Error {
  constructor(
    readonly code: 403 | 404 | 409 | 422 | 500,
    readonly reason: 'AlreadyExists' | 'NotFound' | 'Conflict' | 'Invalid' | 'Forbidden' | 'InternalError',
    message: string,
    /** For `Invalid`: the field errors, as `details.causes` carries them (kubectl prints them one by one). */
    readonly causes?: { reason: string; message: string; field: string }[],
    /** The object's name, for `details.name` when the request's path has none (a create's AlreadyExists). */
    readonly objectName?: string,
  ) {
    super(message);
  }
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

interface Bucket {
  objects: Map<string, KubeObject>;
  /**
   * Keys in order, kept in order as objects come and go: lists page through it (sorting 100,000 keys again after
   * every create or delete made each page cost the whole store). Keys created since the last read wait in
   * `added`, so a burst of creates (100,000 at start) is one sort and merge, not a splice each.
   */
  sorted: string[];
  added: string[];
}

export class ObjectStore {
  private rv: number;
  private readonly buckets = new Map<ResourceType, Bucket>();
  private history: Change[] = [];
  private historyStart = 0;
  private readonly listeners = new Set<ChangeListener>();
  /** The oldest resourceVersion a watch may still start from (exclusive lower bound of history). */
  private compactedRv: number;

  constructor(
    private readonly historyLimit = 20_000,
    private readonly now: () => number = Date.now,
    startRv = 1000,
  ) {
    this.rv = startRv;
    this.compactedRv = startRv;
  }

  /** The current resourceVersion of the whole store (what a list returns). */
  get resourceVersion(): number {
    return this.rv;
  }

  /** Watches from a version older than this get 410 Gone. */
  get oldestWatchableRv(): number {
    return this.compactedRv;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.bucket(type).objects.get(objectKey(type.namespaced ? namespace : undefined, name));
  }

  /**
   * All objects of a type, in key order, optionally of one namespace: its key range (`ns/` up to `ns0`, '0'
   * sorting right after '/'), so the controllers' per-namespace reads cost that namespace, not the store — with
   * 17,000 Deployments at 100,000 pods, reading every pod and ReplicaSet for each one held the demo for minutes.
   */
  list(type: ResourceType, namespace?: string): KubeObject[] {
    const b = this.bucket(type);
    const keys = this.sortedKeys(b);
    const out: KubeObject[] = [];
    if (!namespace) {
      for (const k of keys) out.push(b.objects.get(k)!);
      return out;
    }
    if (!type.namespaced) return out; // cluster-scoped objects have no namespace
    const end = lowerBound(keys, namespace + '0');
    for (let i = lowerBound(keys, namespace + '/'); i < end; i++) out.push(b.objects.get(keys[i]!)!);
    return out;
  }

  /** Keys in order, for paging. */
  keys(type: ResourceType): readonly string[] {
    return this.sortedKeys(this.bucket(type));
  }

  /** The object stored under a key. */
  byKey(type: ResourceType, key: string): KubeObject | undefined {
    return this.bucket(type).objects.get(key);
  }

  count(type: ResourceType): number {
    return this.bucket(type).objects.size;
  }

  /** Stores a new object: fills uid, creationTimestamp, resourceVersion, apiVersion/kind; names from generateName. */
  create(type: ResourceType, input: KubeObject): KubeObject {
    return this.prepareCreate(type, input, false);
  }

  /**
   * Stores a new object its maker has made complete, as bulk population makes 100,000 pods: kind and apiVersion
   * first, its metadata already in the order the API server writes it (podWire.ts), with name, uid,
   * creationTimestamp and a `resourceVersion` placeholder, which is set here, in place. What create does besides
   * (copying and ordering metadata, naming from generateName) was most of its cost.
   */
  insert(type: ResourceType, object: KubeObject): KubeObject {
    const meta = object.metadata!;
    const key = objectKey(type.namespaced ? meta.namespace : undefined, meta.name!);
    this.assertAbsent(type, key, meta.name!);
    meta.resourceVersion = String(this.rv + 1);
    return this.storeNew(type, key, object);
  }

  /**
   * What create would store, without storing it: a dry run (`?dryRun=All`) answers this — uid and
   * creationTimestamp set, no resourceVersion, the same AlreadyExists and Invalid errors.
   */
  previewCreate(type: ResourceType, input: KubeObject): KubeObject {
    return this.prepareCreate(type, input, true);
  }

  private prepareCreate(type: ResourceType, input: KubeObject, dryRun: boolean): KubeObject {
    const meta = { ...(input.metadata ?? {}) };
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (!meta.name)
      throw new StoreError(
        422,
        'Invalid',
        `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
      );
    if (!type.namespaced) delete meta.namespace;
    const key = objectKey(type.namespaced ? meta.namespace : undefined, meta.name);
    this.assertAbsent(type, key, meta.name);
    meta.uid ??= uuid();
    meta.creationTimestamp ??= rfc3339(this.now());
    if (dryRun) {
      delete meta.resourceVersion;
      return { ...input, apiVersion: apiVersionOf(type), kind: type.kind, metadata: meta };
    }
    meta.resourceVersion = String(this.rv + 1);
    const { kind: _kind, apiVersion: _apiVersion, metadata: _metadata, ...rest } = input;
    // In the order the API server writes them: TypeMeta (kind first), ObjectMeta in its fields' order, the rest.
    return this.storeNew(type, key, {
      kind: type.kind,
      apiVersion: apiVersionOf(type),
      metadata: wireOrder(meta, 'ObjectMeta') as KubeObject['metadata'],
      ...rest,
    });
  }

  /** A create's 409 when the key is taken, worded as kube-apiserver's NewAlreadyExists ("pods "x" already exists"). */
  private assertAbsent(type: ResourceType, key: string, name: string): void {
    if (!this.bucket(type).objects.has(key)) return;
    throw new StoreError(
      409,
      'AlreadyExists',
      `${type.plural}${type.group ? '.' + type.group : ''} "${name}" already exists`,
      undefined,
      name,
    );
  }

  /** Stores a new object whose metadata.resourceVersion is already the next version, and tells the watchers. */
  private storeNew(type: ResourceType, key: string, object: KubeObject): KubeObject {
    const b = this.bucket(type);
    const rv = ++this.rv;
    b.objects.set(key, object);
    b.added.push(key);
    this.emit({ type: 'ADDED', resource: type, rv, object });
    return object;
  }

  /**
   * Replaces an object with a changed copy. `mutate` receives a deep copy and edits it in place; the stored
   * version before stays untouched (history and open lists still hold it). Returns the new version.
   */
  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    mutate: (o: KubeObject) => void,
  ): KubeObject {
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const b = this.bucket(type);
    const previous = b.objects.get(key);
    if (!previous) throw new StoreError(404, 'NotFound', `${type.plural} "${name}" not found`);
    const next = structuredClone(previous);
    mutate(next);
    const rv = ++this.rv;
    next.metadata = { ...next.metadata, resourceVersion: String(rv) };
    b.objects.set(key, next);
    this.emit({ type: 'MODIFIED', resource: type, rv, object: next, previous });
    return next;
  }

  /** Removes an object for good; watchers get DELETED with its last state. */
  remove(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const b = this.bucket(type);
    const previous = b.objects.get(key);
    if (!previous) return undefined;
    b.objects.delete(key);
    this.sortedKeys(b);
    removeSorted(b.sorted, key);
    const rv = ++this.rv;
    const object = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } };
    this.emit({ type: 'DELETED', resource: type, rv, object, previous });
    return object;
  }

  /**
   * The objects of a type as they were at `rv` — what etcd answers for a list at a past revision (a continued
   * list, an Exact match) — the current objects with the changes made since `rv` undone as an overlay (the
   * kept history, newest first, back to `rv`); undefined when `rv` is older than the kept history.
   */
  snapshot(type: ResourceType, rv: number): StoreView | undefined {
    const b = this.bucket(type);
    const keys = this.sortedKeys(b);
    if (rv >= this.rv) return currentView(keys, b.objects);
    if (rv < this.compactedRv) return undefined;
    // For each key changed since rv, its object at rv: the earliest change after rv says it (an ADDED: none).
    const past = new Map<string, KubeObject | undefined>();
    for (let i = this.history.length - 1; i >= this.historyStart; i--) {
      const c = this.history[i]!;
      if (c.rv <= rv) break;
      if (c.resource !== type) continue;
      const key = objectKey(c.object.metadata?.namespace, c.object.metadata!.name!);
      past.set(key, c.type === 'ADDED' ? undefined : c.previous);
    }
    return pastView(keys, b.objects, past);
  }

  /** Subscribes to every change; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Changes after `rv`, of one type. Undefined when `rv` is older than the kept history (the caller answers 410).
   */
  changesSince(type: ResourceType, rv: number): Change[] | undefined {
    if (rv < this.compactedRv) return undefined;
    const out: Change[] = [];
    for (let i = this.historyStart; i < this.history.length; i++) {
      const c = this.history[i]!;
      if (c.rv > rv && c.resource === type) out.push(c);
    }
    return out;
  }

  /** Forgets all history, as an etcd compaction does: watches from any earlier version now get 410 Gone. */
  compact(): void {
    this.history = [];
    this.historyStart = 0;
    this.compactedRv = this.rv;
  }

  private emit(change: Change): void {
    this.history.push(change);
    if (this.history.length - this.historyStart > this.historyLimit) {
      const dropped = this.history[this.historyStart]!;
      this.compactedRv = dropped.rv;
      this.historyStart++;
      // Shift the array rarely: amortised O(1) per change.
      if (this.historyStart > this.historyLimit) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    for (const l of this.listeners) l(change);
  }

  private sortedKeys(b: Bucket): string[] {
    if (b.added.length > 0) {
      b.sorted = mergeSorted(b.sorted, b.added);
      b.added = [];
    }
    return b.sorted;
  }

  private bucket(type: ResourceType): Bucket {
    let b = this.buckets.get(type);
    if (!b) {
      b = { objects: new Map(), sorted: [], added: [] };
      this.buckets.set(type, b);
    }
    return b;
  }
}

let lastSecond = NaN;
let lastText = '';
const days = new Map<number, string>();
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** RFC 3339 with second precision, as the API server writes metav1.Time. */
export function rfc3339(ms: number): string {
  // Statuses ask for the same second many times over (a pod's conditions, a burst of writes): keep the last.
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastText;
  const day = Math.floor(second / 86_400);
  let dayText = days.get(day);
  if (dayText === undefined) {
    dayText = new Date(day * 86_400_000).toISOString().slice(0, 11);
    if (days.size > 1000) days.clear();
    days.set(day, dayText);
  }
  // 100,000 generated pods hold half a million times: joined, each is one flat string (ids.ts).
  const s = second - day * 86_400;
  lastText = [
    dayText,
    TWO[Math.floor(s / 3600)],
    ':',
    TWO[Math.floor(s / 60) % 60],
    ':',
    TWO[s % 60],
    'Z',
  ].join('');
  lastSecond = second;
  return lastText;
}

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Five characters from the same alphabet the API server uses for generateName. */
export function randomSuffix(length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return s;
}
