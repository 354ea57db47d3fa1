#!/usr/bin/env node
// A client-go credential plugin for the tests: a real process that prints an ExecCredential, as aws, kubelogin
// and gke-gcloud-auth-plugin do. Flags:
//   --token T | --token-file F | --token-env NAME   the bearer token (F is read on every run)
//   --cert F --key F                                 a client certificate and key (PEM files)
//   --expires-in S                                   expirationTimestamp S seconds from now
//   --log F                                          appends one JSON line per run: args and KUBERNETES_EXEC_INFO
//   --fail MESSAGE                                   chats on stderr, then fails with MESSAGE as its last line
//   --api-version V                                  answers in V instead of the version it was asked for
//   --replay-stderr F --exit N                       writes F to stderr and exits N (a real plugin's failure)
// It always writes a line of noise to stderr, which must never reach podscope's screen.
import { appendFileSync, fstatSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
process.stderr.write('PLUGIN-STDERR-NOISE: looking for cached credentials...\n');
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO ?? '{}');
const log = flag('--log');
if (log)
  appendFileSync(
    log,
    JSON.stringify({
      args,
      info,
      env: { TEST_PLUGIN_ENV: process.env.TEST_PLUGIN_ENV },
      stderrIno: fstatSync(2).ino,
    }) + '\n',
  );
const replay = flag('--replay-stderr');
if (replay) {
  process.stderr.write(readFileSync(replay));
  process.exit(Number(flag('--exit') ?? 1));
}
const fail = flag('--fail');
if (fail) {
  process.stderr.write('Usage: credential-plugin [flags]\n\n');
  process.stderr.write(`${fail}\n`);
  process.exit(1);
}
const status = {};
const tokenFile = flag('--token-file');
const tokenEnv = flag('--token-env');
if (flag('--token')) status.token = flag('--token');
if (tokenFile) status.token = readFileSync(tokenFile, 'utf8').trim();
if (tokenEnv) status.token = process.env[tokenEnv];
if (flag('--cert')) {
  status.clientCertificateData = readFileSync(flag('--cert'), 'utf8');
  status.clientKeyData = readFileSync(flag('--key'), 'utf8');
}
if (flag('--expires-in'))
  status.expirationTimestamp = new Date(Date.now() + Number(flag('--expires-in')) * 1000).toISOString();
const apiVersion = flag('--api-version') ?? info.apiVersion ?? 'client.authentication.k8s.io/v1';
process.stdout.write(JSON.stringify({ apiVersion, kind: 'ExecCredential', status }));
