/** The one error type that reaching a cluster produces: its message is one line, ready for stderr. */
export class ConnectError extends Error {
  /** @param message one line, naming the file, context or server at fault and, where there is one, the fix */
  constructor(message: string) {
    super(message);
    this.name = 'ConnectError';
  }
}
