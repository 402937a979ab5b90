// `npm start`: the desktop app where the Electron binary is installed; otherwise, after one attempt to fetch
// it, a plain explanation and the browser version (web build + a local relay with a demo partnership).
//
// The Electron binary is not part of the npm package: electron's install script downloads it from GitHub,
// and this project does not approve that script by default (package.json "allowScripts"), so machines with
// only a package registry (CI, locked-down networks) do not have it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FOR, nodeVersionProblem } from './requireNode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = path.join(root, 'node_modules', 'electron');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const say = (line = '') => process.stdout.write(`${line}\n`);

/** The Electron executable as electron's own index.js finds it (path.txt names it inside dist/), or null. */
export function electronBinary(packageDir = electronPackage) {
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Runs a build step; returns whether it succeeded (the caller decides whether that is fatal). */
function run(command, args, what) {
  say(`> ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status === 0) return true;
  say(`${what} failed (exit ${result.status ?? result.signal}).`);
  return false;
}

function packageScripts() {
  return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
}

/** Newest modification time of any file under the folders the web build is made from. */
function newestSource(folders) {
  let newest = 0;
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds renderer/dist when it is missing or older than its sources (e.g. after a git pull). */
function ensureWebBuild() {
  const built = path.join(root, 'renderer', 'dist', 'index.html');
  const sources = [path.join(root, 'renderer', 'src'), path.join(root, 'shared')];
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(sources)) return true;
  if (!packageScripts()['build:web']) {
    say('The web app (renderer/) cannot be built yet: there is no "build:web" script in this checkout.');
    return false;
  }
  say('Building the web app (renderer/dist/)…');
  return run(npm, ['run', 'build:web'], 'Building the web app');
}

function tryFetchElectron() {
  const installer = path.join(electronPackage, 'install.js');
  if (!existsSync(installer)) return 'the electron package itself is not installed (run npm install)';
  say('The Electron binary is not installed; trying once to download it (node node_modules/electron/install.js)…');
  const result = spawnSync(process.execPath, [installer], {
    cwd: electronPackage,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    encoding: 'utf8',
  });
  if (result.error) return result.error.message;
  if (result.status !== 0) {
    const lines = `${result.stderr}\n${result.stdout}`
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    return (
      lines.find((line) => /error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|403|404/i.test(line)) ??
      lines.at(-1) ??
      `exit ${result.status}`
    );
  }
  return null;
}

function startDesktop(executable) {
  ensureWebBuild(); // without it the window explains what to build
  if (!run(process.execPath, [path.join(root, 'electron', 'build.mjs')], 'Building the desktop shell')) process.exit(1);
  say('Starting SOA Studio…');
  const child = spawn(executable, [path.join(root, 'electron', 'dist')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

async function startBrowserVersion() {
  const relayBin = path.join(root, 'server', 'bin', 'soa-relay.mjs');
  const webReady = ensureWebBuild();
  if (!existsSync(relayBin)) {
    say('The relay (server/bin/soa-relay.mjs) is not in this checkout yet, so the browser version cannot be started.');
    process.exit(1);
  }
  if (!webReady)
    say('Starting the relay without the web app: its address answers the API only until renderer/ builds.');

  // The demo database and its tokens live in node_modules/.cache, out of the way and never committed.
  const demoDir = path.join(root, 'node_modules', '.cache', 'soa-studio');
  const dbFile = path.join(demoDir, 'demo.sqlite');
  const demoFile = path.join(demoDir, 'demo-members.json');
  mkdirSync(demoDir, { recursive: true });
  if (!existsSync(dbFile) || !existsSync(demoFile)) {
    say('Creating a demo partnership in a local database…');
    const demo = spawnSync(process.execPath, [relayBin, 'demo', '--db', dbFile, '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (demo.status !== 0) {
      say(`Creating the demo failed: ${(demo.stderr || demo.stdout).trim()}`);
      process.exit(1);
    }
    writeFileSync(demoFile, demo.stdout, { mode: 0o600 });
  }
  const demo = JSON.parse(readFileSync(demoFile, 'utf8'));

  const port = process.env.PORT ?? '4455';
  const relay = spawn(process.execPath, [relayBin, 'serve', '--db', dbFile, '--host', '127.0.0.1', '--port', port], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => relay.kill(signal));
  relay.on('exit', (code) => process.exit(code ?? 0));
  let announced = false;
  let buffered = '';
  relay.stdout.setEncoding('utf8');
  relay.stdout.on('data', (chunk) => {
    if (announced) return;
    buffered += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(buffered);
    if (!match) return;
    announced = true;
    const members = Array.isArray(demo.members) ? demo.members : [];
    const coordinator = members.find((member) => member.role === 'coordinator') ?? members[0];
    say('');
    say(`SOA Studio (browser version) is running: open ${match[1]}/ in Chrome, Edge or Firefox.`);
    say(`Join the demo partnership with relay address ${match[1]} and a token, e.g. the coordinator's:`);
    if (coordinator) say(`  ${coordinator.token}   (${coordinator.name}, ${coordinator.partnerName})`);
    say(`Every demo member's token is in ${path.relative(root, demoFile)}. Press Ctrl+C to stop the relay.`);
  });
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const nodeProblem = nodeVersionProblem(NODE_FOR.app, 'SOA Studio (npm start)');
  if (nodeProblem) {
    process.stderr.write(`${nodeProblem}\n`);
    process.exit(1);
  }
  let executable = electronBinary();
  let why = null;
  if (executable === null) {
    why = tryFetchElectron();
    executable = electronBinary();
  }
  if (executable !== null) {
    startDesktop(executable);
  } else {
    say('');
    say('SOA Studio cannot start as a desktop app here: the Electron binary is missing');
    say(
      `  (expected node_modules/electron/path.txt and node_modules/electron/dist/; download failed: ${why ?? 'unknown reason'}).`,
    );
    say('To get the desktop app, on a machine that can reach github.com run: node node_modules/electron/install.js');
    say('Until then, use the browser version, which is the same app: starting it now.');
    say('');
    await startBrowserVersion();
  }
}
