/**
 * A manifest file as `kubectl apply -f` reads it: YAML (one or more `---` documents) or JSON, empty documents
 * skipped, a `List` (any `…List` kind with `items`) flattened into its items as kubectl's FlattenListVisitor does,
 * and each object checked for what server-side apply needs (apiVersion, kind, metadata.name). A YAML error names
 * the file, line and column; a missing field names the document. Pure: the caller reads the file.
 */
import { loadAll, YAMLException } from 'js-yaml';

/** One object of the file, ready to send. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** `metadata.namespace` as written; undefined when the manifest names none (the current one is used). */
  readonly namespace: string | undefined;
  /** 1-based number of the document in the file (a List's items share their List's). */
  readonly document: number;
  /** The object as written. */
  readonly body: Readonly<Record<string, unknown>>;
}

export type ManifestParse =
  | { readonly ok: true; readonly objects: readonly ManifestObject[] }
  | { readonly ok: false; readonly error: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `pod.yaml: line 4, column 9: bad indentation of a mapping entry` (js-yaml's mark is 0-based). */
function yamlError(file: string, e: YAMLException): string {
  if (!e.mark) return `${file}: ${e.reason}`;
  return `${file}: line ${e.mark.line + 1}, column ${e.mark.column + 1}: ${e.reason}`;
}

/** Why a document cannot be applied, or the object. */
function toObject(file: string, raw: Record<string, unknown>, document: number): ManifestObject | string {
  const where = `${file}: document ${document}`;
  const { apiVersion, kind } = raw;
  // kubectl's decoder words these "Object 'Kind' is missing"; the field names are what a user edits.
  if (typeof apiVersion !== 'string' || apiVersion === '') return `${where}: apiVersion not set`;
  if (typeof kind !== 'string' || kind === '') return `${where}: kind not set`;
  const metadata = raw['metadata'];
  const meta = isRecord(metadata) ? metadata : {};
  const name = meta['name'];
  const namespace = meta['namespace'];
  if (typeof name !== 'string' || name === '') {
    const generate = meta['generateName'];
    // kubectl apply's own words (pkg/cmd/apply/apply.go, applyOneObject): server-side apply needs a name.
    if (typeof generate === 'string' && generate !== '')
      return `${where} (${kind}): from ${generate}: cannot use generate name with apply`;
    // client-go's resource helper: "resource name may not be empty".
    return `${where} (${kind}): resource name may not be empty`;
  }
  if (namespace !== undefined && typeof namespace !== 'string')
    return `${where} (${kind} ${name}): metadata.namespace must be a string`;
  return {
    apiVersion,
    kind,
    name,
    namespace: namespace === '' ? undefined : namespace,
    document,
    body: raw,
  };
}

/** A `List` (v1 List, PodList…): kubectl applies its items. */
function listItems(raw: Record<string, unknown>): unknown[] | undefined {
  const kind = raw['kind'];
  const items = raw['items'];
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items) ? items : undefined;
}

/**
 * The objects `text` holds, in file order, or the first reason it cannot be applied (nothing is applied from a
 * file with an error in it, as kubectl reads the whole file before sending anything).
 * @param file the file's name, for the messages
 * @param text the file's contents
 */
export function parseManifest(file: string, text: string): ManifestParse {
  let documents: unknown[];
  try {
    // JSON is YAML (one document); a JSON array is not a manifest.
    documents = loadAll(text, null, { filename: file });
  } catch (e) {
    if (e instanceof YAMLException) return { ok: false, error: yamlError(file, e) };
    throw e;
  }
  const objects: ManifestObject[] = [];
  for (let i = 0; i < documents.length; i++) {
    const doc = documents[i];
    if (doc === null || doc === undefined) continue;
    const document = i + 1;
    if (!isRecord(doc))
      return { ok: false, error: `${file}: document ${document} is not an object (a mapping of fields)` };
    const items = listItems(doc) ?? [doc];
    for (const item of items) {
      if (!isRecord(item))
        return { ok: false, error: `${file}: document ${document}: a list item is not an object` };
      const object = toObject(file, item, document);
      if (typeof object === 'string') return { ok: false, error: object };
      objects.push(object);
    }
  }
  if (objects.length === 0) return { ok: false, error: `${file}: no objects passed to apply` };
  return { ok: true, objects };
}
