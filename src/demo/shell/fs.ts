/**
 * The container's file system as a shell sees it: the files the host hands over, the directories their paths
 * imply, the usual root directories, and what the session itself writes (`> file`, `wget`). Writes stay with
 * the session: a real container keeps them until it restarts, the demo until the shell exits.
 */

/** What a path names. */
export type FileType = 'file' | 'dir';

/** A directory entry. */
export interface DirEntry {
  name: string;
  type: FileType;
  size: number;
}

const ROOT_DIRS = [
  'bin',
  'dev',
  'etc',
  'home',
  'lib',
  'media',
  'mnt',
  'opt',
  'proc',
  'root',
  'run',
  'sbin',
  'srv',
  'sys',
  'tmp',
  'usr',
  'var',
];
const EXTRA_DIRS = [
  '/usr/bin',
  '/usr/sbin',
  '/usr/local/bin',
  '/usr/lib',
  '/var/log',
  '/var/run',
  '/var/tmp',
];

/** Normalises `path` against `cwd`: absolute, no `.`/`..`, no trailing slash. */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The files and directories of one shell session: the host's files plus what the session wrote. */
export class FileView {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(['/']);

  /** `binaries`: names listed in /bin, so that `ls /bin` shows the commands the shell knows. */
  constructor(files: Record<string, string>, binaries: readonly string[] = []) {
    for (const d of ROOT_DIRS) this.dirs.add('/' + d);
    for (const d of EXTRA_DIRS) this.addDir(d);
    this.files.set('/dev/null', '');
    for (const [path, content] of Object.entries(files)) this.addFile(resolvePath('/', path), content);
    // Programs are empty placeholders: `cat /bin/ls` shows nothing, and nothing else reads them.
    for (const b of binaries) if (!this.files.has('/bin/' + b)) this.files.set('/bin/' + b, '');
  }

  /** Whether `path` is a file, a directory, or nothing. */
  stat(path: string): FileType | undefined {
    if (this.dirs.has(path)) return 'dir';
    return this.files.has(path) ? 'file' : undefined;
  }

  /** A file's content; undefined for directories and missing files. */
  read(path: string): string | undefined {
    return this.files.get(path);
  }

  /** A directory's entries sorted by name, or undefined when `path` is not a directory. */
  list(path: string): DirEntry[] | undefined {
    if (!this.dirs.has(path)) return undefined;
    const prefix = path === '/' ? '/' : path + '/';
    const entries = new Map<string, DirEntry>();
    for (const d of this.dirs) {
      if (d !== path && d.startsWith(prefix) && !d.slice(prefix.length).includes('/')) {
        entries.set(d, { name: d.slice(prefix.length), type: 'dir', size: 4096 });
      }
    }
    for (const [f, content] of this.files) {
      if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/')) {
        entries.set(f, { name: f.slice(prefix.length), type: 'file', size: Buffer.byteLength(content) });
      }
    }
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Writes (or appends to) a file; fails when the directory is missing or the path is a directory. */
  write(path: string, content: string, append: boolean): 'ok' | 'nodir' | 'isdir' {
    if (this.dirs.has(path)) return 'isdir';
    if (!this.dirs.has(parentOf(path))) return 'nodir';
    if (path === '/dev/null') return 'ok';
    this.files.set(path, append ? (this.files.get(path) ?? '') + content : content);
    return 'ok';
  }

  private addFile(path: string, content: string): void {
    this.addDir(parentOf(path));
    this.files.set(path, content);
  }

  private addDir(path: string): void {
    for (let p = path; p !== '/' && !this.dirs.has(p); p = parentOf(p)) this.dirs.add(p);
  }
}
