/**
 * A malformed object from the API server, named as the user sees it: `the server sent a pod without
 * metadata.name (GET /api/v1/namespaces/shop/pods)`. Thrown by the decoders in this folder at the boundary, so a
 * broken answer is one line in the header or a flash — like watchOnce's named endings — and never a TypeError
 * deep in a view.
 */
export class DecodeError extends Error {
  constructor(
    /** What was expected, with its article: `a pod`, `a pod list`. */
    readonly what: string,
    /** What is wrong with it: `without metadata.name`, `whose spec.containers is a string, not an array`. */
    readonly problem: string,
    /** The request it came from (`GET /api/v1/pods`, `watch /api/v1/pods`), if known. */
    readonly where?: string,
  ) {
    super(`the server sent ${what} ${problem}${where ? ` (${where})` : ''}`);
    this.name = 'DecodeError';
  }
}
