/**
 * The reach probe's client image for this process: `curlimages/curl` (seed 001's), or what `--client-image`
 * named. Set once at start-up, as `--debug` sets the debug log (a process-wide option, not UI state).
 */
import { DEFAULT_CLIENT_IMAGE } from '../../domain/reach/clientPod.js';

let image = DEFAULT_CLIENT_IMAGE;

/** Sets the client image (`--client-image`); undefined keeps the default. */
export function setClientImage(value: string | undefined): void {
  image = value ?? DEFAULT_CLIENT_IMAGE;
}

/** The client image the next reach run uses. */
export function clientImage(): string {
  return image;
}
