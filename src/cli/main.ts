/**
 * The `podscope` command: dispatches to `podscope demo` (serve the demo cluster) or to the dashboard. Bad input
 * ends here with one line on stderr and a non-zero exit, never a stack trace.
 */
import { dashboardCommand } from './dashboardCommand.js';
import { UsageError } from './usageError.js';

async function main(argv: string[]): Promise<number> {
  // The demo cluster (and the client-node it serves tests with) is loaded only to serve it.
  if (argv[0] === 'demo') return (await import('./demoCommand.js')).demoCommand(argv.slice(1));
  return dashboardCommand(argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Servers and watches are closed by now; anything left (a stray socket) must not keep us alive.
    setTimeout(() => process.exit(code), 500).unref();
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`podscope: ${e.message}\n${e.usage}\n`);
      process.exit(2);
    }
    process.stderr.write(`podscope: ${(e as Error).message ?? String(e)}\n`);
    process.exit(1);
  },
);
