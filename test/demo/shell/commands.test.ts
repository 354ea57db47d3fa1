/**
 * What the commands print, run as `sh -c '…'` without a terminal (so stdout and stderr stay apart). Expected
 * texts are the real tools' wording: busybox wget/nc/netstat/ps (seeds 000 and 002 show several verbatim),
 * GNU coreutils on Debian-like images, curl 8.
 */
import { describe, expect, it } from 'vitest';
import { fakeHost, HOSTS_FILE, sh } from './fixtures.js';
import type { HostLog } from './fixtures.js';

const DEBIAN = { shells: ['bash', 'sh'] as ('bash' | 'sh')[] };

describe('words, variables and status', () => {
  it('keeps quoted text and expands variables', async () => {
    const r = await sh(`echo "a  b" 'c $HOME' $HOME \${HOSTNAME}x`);
    expect(r.out).toBe('a  b c $HOME /root web-7d9fx\n');
  });

  it('tracks $? and runs && / || accordingly', async () => {
    const r = await sh('false; echo $?; true && echo yes || echo no; false && echo yes || echo no');
    expect(r.out).toBe('1\nyes\nno\n');
  });

  it('splits unquoted expansions into words and keeps quoted ones whole', async () => {
    const r = await sh('X="1   2"; printf "[%s]" $X; printf "[%s]\\n" "$X"');
    expect(r.out).toBe('[1][2][1   2]\n');
  });

  it('substitutes $(…) output', async () => {
    expect((await sh('echo "host=$(hostname) ip=`hostname -i`"')).out).toBe('host=web-7d9f ip=10.244.1.5\n');
  });

  it('shows exported variables in env, not plain shell variables', async () => {
    const r = await sh('A=1; export B=2; env');
    expect(r.out).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(r.out).toContain('HOSTNAME=web-7d9f\n');
    expect(r.out).toContain('B=2\n');
    expect(r.out).not.toContain('A=1\n');
    expect((await sh('printenv NGINX_VERSION HOME')).out).toBe('1.27.3\n/root\n');
  });

  it('exits with exit N, skipping the rest', async () => {
    const r = await sh('echo before; exit 7; echo after');
    expect(r).toEqual({ out: 'before\n', err: '', code: 7 });
  });

  it('reports unknown commands as each shell does, with status 127', async () => {
    expect(await sh('nosuch')).toEqual({ out: '', err: 'sh: nosuch: not found\n', code: 127 });
    expect(await sh('nosuch', DEBIAN)).toEqual({
      out: '',
      err: 'bash: line 1: nosuch: command not found\n',
      code: 127,
    });
    expect(await sh('nosuch', { ...DEBIAN, shell: 'sh' })).toEqual({
      out: '',
      err: 'sh: 1: nosuch: not found\n',
      code: 127,
    });
  });

  it('reports syntax errors with status 2', async () => {
    expect(await sh('| echo')).toEqual({ out: '', err: 'sh: syntax error: unexpected "|"\n', code: 2 });
    expect(await sh('echo "open')).toEqual({
      out: '',
      err: 'sh: syntax error: unterminated quoted string\n',
      code: 2,
    });
    expect((await sh('| echo', DEBIAN)).err).toBe(
      "bash: -c: line 1: syntax error near unexpected token `|'\n",
    );
  });
});

describe('pipes and redirections', () => {
  it('pipes output into grep, head and wc', async () => {
    expect((await sh('env | grep KUBERNETES_SERVICE_PORT')).out).toBe('KUBERNETES_SERVICE_PORT=443\n');
    expect((await sh('ps | grep nginx | wc -l')).out).toBe('2\n');
    expect((await sh('cat /etc/hosts | head -n 2')).out).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n',
    );
  });

  it('writes and appends to files, and reads them back', async () => {
    const r = await sh('echo one > /tmp/x; echo two >> /tmp/x; cat /tmp/x; wc -l < /tmp/x');
    expect(r.out).toBe('one\ntwo\n2\n');
  });

  it('sends stderr where 2>&1 and 2>/dev/null say', async () => {
    expect(await sh('cat /nope 2>&1')).toEqual({
      out: "cat: can't open '/nope': No such file or directory\n",
      err: '',
      code: 1,
    });
    expect(await sh('cat /nope 2>/dev/null')).toEqual({ out: '', err: '', code: 1 });
  });

  it('cannot create a file in a missing directory', async () => {
    expect(await sh('echo x > /nope/y')).toEqual({
      out: '',
      err: "sh: can't create /nope/y: nonexistent directory\n",
      code: 1,
    });
  });
});

describe('files', () => {
  it('cats files and says why it cannot, busybox and GNU style', async () => {
    expect((await sh('cat /var/run/secrets/kubernetes.io/serviceaccount/namespace')).out).toBe('default');
    expect((await sh('cat /etc')).err).toBe('cat: read error: Is a directory\n');
    expect(await sh('cat /nope', DEBIAN)).toEqual({
      out: '',
      err: 'cat: /nope: No such file or directory\n',
      code: 1,
    });
  });

  it('lists directories derived from the file paths, one per line without a terminal', async () => {
    const root = (await sh('ls /')).out.split('\n');
    expect(root).toEqual(expect.arrayContaining(['bin', 'etc', 'proc', 'root', 'tmp', 'usr', 'var']));
    expect((await sh('ls /var/run/secrets/kubernetes.io/serviceaccount')).out).toBe('namespace\ntoken\n');
    expect((await sh('cd /etc; ls')).out).toBe('hosts\nresolv.conf\n');
  });

  it('lists in long format', async () => {
    const size = Buffer.byteLength(HOSTS_FILE);
    const date = '\\w{3} [ \\d]\\d \\d\\d:\\d\\d';
    const busybox = (await sh('ls -l /etc')).out.split('\n');
    expect(busybox[0]).toMatch(new RegExp(`^-rw-r--r-- {4}1 root {5}root {11}${size} ${date} hosts$`));
    const gnu = (await sh('ls -l /etc', DEBIAN)).out.split('\n');
    expect(gnu[0]).toBe('total 8');
    expect(gnu[1]).toMatch(new RegExp(`^-rw-r--r-- 1 root root ${size} ${date} hosts$`));
  });

  it('reports missing paths as busybox and GNU ls do', async () => {
    expect(await sh('ls /nope')).toEqual({ out: '', err: 'ls: /nope: No such file or directory\n', code: 1 });
    expect(await sh('ls /nope', DEBIAN)).toEqual({
      out: '',
      err: "ls: cannot access '/nope': No such file or directory\n",
      code: 2,
    });
  });

  it('changes directory', async () => {
    expect((await sh('cd /etc && pwd; cd ..; pwd; cd')).out).toBe('/etc\n/\n');
    expect(await sh('cd /nope')).toEqual({
      out: '',
      err: "sh: cd: can't cd to /nope: No such file or directory\n",
      code: 2,
    });
    expect((await sh('cd /nope', DEBIAN)).err).toBe('bash: line 1: cd: /nope: No such file or directory\n');
  });
});

describe('processes', () => {
  it('lists the container processes, the shell and ps itself', async () => {
    const lines = (await sh('ps')).out.split('\n');
    expect(lines[0]).toBe('PID   USER     TIME  COMMAND');
    expect(lines[1]).toBe('    1 root      0:00 nginx: master process nginx -g daemon off;');
    expect(lines[2]).toBe('   29 nginx     0:00 nginx: worker process');
    expect(lines[3]).toMatch(/^ {3}\d\d root {6}0:00 sh$/);
    expect(lines[4]).toMatch(/^ {3}\d\d root {6}0:00 ps$/);
  });

  it('kill 1 asks the host to end the main process with the signal given', async () => {
    const log: HostLog = { kills: [], gets: [] };
    const host = fakeHost(log);
    expect((await sh('kill 1; kill -9 1; kill -s KILL 1; kill -INT 1', { host })).code).toBe(0);
    expect(log.kills).toEqual([15, 9, 9, 2]);
    expect(await sh('kill 4242')).toEqual({
      out: '',
      err: "sh: can't kill pid 4242: No such process\n",
      code: 1,
    });
    expect((await sh('kill 4242', DEBIAN)).err).toBe('bash: line 1: kill: (4242) - No such process\n');
  });

  it('sleeps and returns', async () => {
    expect(await sh('sleep 0.01 && echo woke')).toEqual({ out: 'woke\n', err: '', code: 0 });
    expect(await sh('sleep x')).toEqual({ out: '', err: "sleep: invalid number 'x'\n", code: 1 });
  });
});

describe('network', () => {
  it('netstat lists listening sockets like busybox (seed 000)', async () => {
    expect((await sh('netstat -l')).out).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State\n' +
        'tcp        0      0 0.0.0.0:http            0.0.0.0:*               LISTEN\n' +
        'tcp        0      0 0.0.0.0:http-alt        0.0.0.0:*               LISTEN\n',
    );
    expect((await sh('netstat -tlnp')).out).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      1/nginx: master proc\n' +
        'tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN      -\n',
    );
  });

  it('nc -zv reports open and refused ports (busybox and OpenBSD wording)', async () => {
    expect(await sh('nc -zv localhost 80')).toEqual({
      out: '',
      err: 'localhost (127.0.0.1:80) open\n',
      code: 0,
    });
    expect(await sh('nc -zv localhost 81')).toEqual({
      out: '',
      err: 'nc: localhost (127.0.0.1:81): Connection refused\n',
      code: 1,
    });
    expect((await sh('nc -zv localhost 8080', DEBIAN)).err).toBe(
      'Connection to localhost (127.0.0.1) 8080 port [tcp/http-alt] succeeded!\n',
    );
    expect((await sh('nc -zv web-7d9f 81', DEBIAN)).err).toBe(
      'nc: connect to web-7d9f (10.244.1.5) port 81 (tcp) failed: Connection refused\n',
    );
    expect(await sh('nc -z localhost 80')).toEqual({ out: '', err: '', code: 0 });
  });

  it('wget -O - prints the body and busybox progress lines (seed 002)', async () => {
    expect(await sh('wget -O - http://10.244.1.8:3000')).toEqual({
      out: 'Hello World\n',
      err:
        'Connecting to 10.244.1.8:3000 (10.244.1.8:3000)\n' +
        'writing to stdout\n' +
        '-                    100% |********************************|    12  0:00:00 ETA\n' +
        'written to stdout\n',
      code: 0,
    });
    expect(await sh('wget -qO- localhost')).toEqual({
      out: '<h1>Welcome to nginx!</h1>\n',
      err: '',
      code: 0,
    });
  });

  it('wget reports a refused connection like busybox (seed 002)', async () => {
    expect(await sh('wget -O - http://10.244.1.9:3000')).toEqual({
      out: '',
      err:
        'Connecting to 10.244.1.9:3000 (10.244.1.9:3000)\n' +
        "wget: can't connect to remote host (10.244.1.9): Connection refused\n",
      code: 1,
    });
    expect((await sh('wget -q -O - http://localhost:8080/hello')).err).toBe(
      'wget: server returned error: HTTP/1.1 404 Not Found\n',
    );
    expect((await sh('wget -qO- http://nope')).err).toBe("wget: bad address 'nope'\n");
  });

  it('wget without -O saves index.html', async () => {
    const r = await sh('wget -q http://localhost/ && cat index.html');
    expect(r.out).toBe('<h1>Welcome to nginx!</h1>\n');
  });

  it('curl prints bodies, headers and errors like curl 8', async () => {
    expect(await sh('curl -s localhost')).toEqual({ out: '<h1>Welcome to nginx!</h1>\n', err: '', code: 0 });
    expect((await sh('curl -si localhost')).out).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nContent-Type: text/html\r\n\r\n<h1>Welcome to nginx!</h1>\n',
    );
    expect(await sh('curl -s http://10.244.1.9:3000')).toEqual({ out: '', err: '', code: 7 });
    expect((await sh('curl -sS http://10.244.1.9:3000')).err).toBe(
      "curl: (7) Failed to connect to 10.244.1.9 port 3000 after 0 ms: Couldn't connect to server\n",
    );
    expect((await sh('curl -sS http://nope/')).err).toBe('curl: (6) Could not resolve host: nope\n');
    expect((await sh('curl -sf localhost:8080/hello')).code).toBe(22);
    const verbose = (await sh('curl -sv localhost')).err;
    expect(verbose).toContain('> GET / HTTP/1.1\n> Host: localhost\n');
    expect(verbose).toContain('< HTTP/1.1 200 OK\n< Server: nginx/1.27.3\n');
  });

  it('curl shows its progress meter when output is not a terminal', async () => {
    const r = await sh('curl localhost');
    expect(r.err).toMatch(/^ {2}% Total {4}% Received/);
    expect(r.out).toBe('<h1>Welcome to nginx!</h1>\n');
  });
});

describe('system information', () => {
  it('answers who, where and what', async () => {
    expect((await sh('whoami; hostname; pwd')).out).toBe('root\nweb-7d9f\n/\n');
    expect((await sh('id', DEBIAN)).out).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await sh('uname -a')).out).toMatch(/^Linux web-7d9f \S+ #.* x86_64 Linux\n$/);
    expect((await sh('uname -a', DEBIAN)).out).toMatch(/ x86_64 GNU\/Linux\n$/);
    expect((await sh('date')).out).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n$/);
  });

  it('which finds programs where the image keeps them', async () => {
    expect(await sh('which ls wget')).toEqual({ out: '/bin/ls\n/bin/wget\n', err: '', code: 0 });
    expect((await sh('which bash')).code).toBe(1);
    expect((await sh('which bash', DEBIAN)).out).toBe('/usr/bin/bash\n');
  });

  it('stty needs a terminal', async () => {
    expect(await sh('stty size')).toEqual({ out: '', err: 'stty: standard input: Not a tty\n', code: 1 });
  });

  it('true and false', async () => {
    expect((await sh('true')).code).toBe(0);
    expect((await sh('false')).code).toBe(1);
    expect((await sh('! false')).code).toBe(0);
  });
});
