// Runs after `npm install` / `npm ci` in a clone (the `prepare` script): says that the install worked, which Node
// runs podscope, and — when npm itself runs on an older Node — that npm's EBADENGINE warnings are about that Node.
// npm checks `engines` against the Node that runs npm (the system's), not the Node 24 pinned as the devDependency
// `node`, which npm scripts put first on PATH. The warnings stay (engine-strict would fail the install instead, and
// loglevel=error would hide every other warning too); this line says what they mean.
// `prepare` also runs before `npm pack` and `npm publish`, whose output must stay theirs.
if (!['install', 'ci'].includes(process.env.npm_command ?? '')) process.exit(0);
const pinned = process.version;
// npm_config_user_agent is "npm/11.19.1 node/v20.20.2 linux x64 workspaces/false".
const npmNode = /\bnode\/(v[\d.]+)/.exec(process.env.npm_config_user_agent ?? '')?.[1];
const npmMajor = Number(npmNode?.slice(1).split('.')[0]);
let line = `podscope: installed and built; it runs on Node.js ${pinned} (node_modules/node). Try: npm run demo`;
if (npmNode && npmMajor < 22) {
  line += `\npodscope: the EBADENGINE warnings above are about this machine's Node.js ${npmNode}, which runs npm only; podscope does not use it.`;
}
process.stdout.write(`${line}\n`);
