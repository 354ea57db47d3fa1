/**
 * A container's profile with its `command`/`args` taken into account: an image that would serve forever runs a
 * one-shot command (`date`, `echo hi`, `sh -c "echo a; sleep 5; exit 3"`, the Job docs' `perl … bpi(2000)`) and exits — 0,
 * or the code of a final `exit N` / `false` — about a second after it starts, as busybox would. What Jobs and
 * CronJobs run; anything with a loop, a long `sleep` or `tail` keeps the image's own lifecycle.
 */
import type { ImageProfile, Lifecycle } from './images.js';
import { imageProfile } from './images.js';

const ONE_SHOT = new Set([
  'date',
  'echo',
  'true',
  'printf',
  'env',
  'hostname',
  'uname',
  'perl',
  'pwd',
  'whoami',
  'id',
  'ls',
  'cat',
  'nslookup',
  'wget',
  'curl',
]);

const RUN_MS = 1000;
/** Longer sleeps than this keep the image's lifecycle (bb's `sleep 3600` idles as a server would). */
const MAX_SLEEP_S = 300;

/** The lifecycle a shell command line gives, or undefined when it is not (recognisably) a one-shot. */
function scriptLifecycle(script: string): Lifecycle | undefined {
  if (/\b(while|until|for|tail|watch|yes|nc)\b/.test(script)) return undefined;
  const steps = script
    .split(/;|&&|\|\||\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (steps.length === 0) return undefined;
  let exitCode = 0;
  let ms = RUN_MS;
  for (const step of steps) {
    const [word = '', arg] = step.split(/\s+/);
    if (word === 'sleep') {
      // A short sleep (a Job that takes its time) runs; a long one is a server's way of idling.
      const seconds = Number(arg);
      if (!Number.isFinite(seconds) || seconds > MAX_SLEEP_S) return undefined;
      ms += seconds * 1000;
    } else if (word === 'exit') exitCode = Number(arg ?? '0') || 0;
    else if (word === 'false') exitCode = 1;
    else if (ONE_SHOT.has(word.replace(/^.*\//, ''))) exitCode = 0;
    else return undefined;
  }
  return exitCode === 0 ? { kind: 'complete', afterMs: ms } : { kind: 'crash', afterMs: ms, exitCode };
}

/** The argv a container runs, as the lifecycle it gives. */
function commandLifecycle(argv: readonly string[]): Lifecycle | undefined {
  const [first = '', ...rest] = argv;
  const program = first.replace(/^.*\//, '');
  if (
    (program === 'sh' || program === 'bash' || program === 'ash') &&
    rest[0] === '-c' &&
    rest[1] !== undefined
  ) {
    return scriptLifecycle(rest[1]);
  }
  return scriptLifecycle(
    argv
      .map((a) => (/\s/.test(a) ? `'${a}'` : a))
      .join(' ')
      .replace(/'[^']*'/g, 'x'),
  );
}

const profiles = new Map<string, ImageProfile>();

/** An image's profile, one object per image (100,000 generated pods run a few): profiles are never changed. */
function sharedProfile(image: string): ImageProfile {
  let profile = profiles.get(image);
  if (!profile) {
    profile = imageProfile(image);
    if (profiles.size < 10_000) profiles.set(image, profile);
  }
  return profile;
}

export function containerProfile(
  image: string,
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
): ImageProfile {
  const profile = sharedProfile(image);
  const argv = [...(command ?? []), ...(args ?? [])];
  if (!profile.exists || !command?.length) return profile;
  const lifecycle = commandLifecycle(argv);
  return lifecycle ? { ...profile, lifecycle, listens: [] } : profile;
}
