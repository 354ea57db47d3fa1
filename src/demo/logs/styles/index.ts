/** The log script of any run, by its image's log style. */
import type { ContainerRun } from '../../runtime.js';
import type { LogScript } from '../script.js';
import { appScript } from './app.js';
import { crashScript } from './crash.js';
import { firehoseScript } from './firehose.js';
import { hostileScript } from './hostile.js';
import { initScript } from './init.js';
import { jobScript } from './job.js';
import { nginxScript } from './nginx.js';
import { nodeScript } from './node.js';
import { quietScript } from './quiet.js';

/**
 * The whole log of a run, as a pure function of the run (its seed, log style, lifecycle and start time): the same
 * run always yields the same lines at the same times. An interactive main process's run has its transcript instead.
 */
export function logScript(run: ContainerRun): LogScript {
  if (run.transcript) return run.transcript;
  const style = run.profile.logStyle;
  switch (style) {
    case 'nginx':
      return nginxScript(run);
    case 'node':
      return nodeScript(run);
    case 'app':
      return appScript(run);
    case 'quiet':
      return quietScript(run);
    case 'crash':
      return crashScript(run);
    case 'job':
      return jobScript(run);
    case 'init':
      return initScript(run);
    case 'firehose':
      return firehoseScript(run);
    case 'hostile':
      return hostileScript(run);
    default: {
      const unknown: never = style;
      throw new Error(`unknown log style ${String(unknown)}`);
    }
  }
}
