// `npm start`: the app in development. With no Stytch variables set it first starts the
// local Stytch emulator on its default port and prints where the dev inbox is; its "Open
// in app" button hands a link to the running app the way Windows and Linux do (a second
// app process with the link in argv, which the single-instance lock forwards).
// With Stytch variables set, no emulator starts and the app talks to that project.
// The electron package downloads its binary lazily; when it is missing this runs that
// download once. Where that fails (no internet), it says so once and keeps the emulator and inbox running, so the emails can still be inspected
// and the harness tests still have a Stytch to talk to.
// Rule: never import or require 'electron' here; the download runs only as the explicit
// child process below.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../emulator/index';
import { EMBEDDED_EMULATOR_FALLBACK, loadConfig } from '../main/config';
import { describeMissingElectron, electronBinaryStatus } from './electron-binary';

const projectRoot = resolve(import.meta.dirname, '..');

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';
}

/** The OS's hand-over on Windows/Linux: a second app process with the link in argv. */
function openInApp(electronPath: string, link: string): void {
  const child = spawn(electronPath, [projectRoot, link], { cwd: projectRoot, stdio: 'ignore', env: process.env });
  child.on('error', (error) => console.error(`Could not hand the link to the app: ${error.message}`));
  child.unref();
}

async function startEmbeddedEmulator(electronPath: string | null): Promise<RunningEmulator> {
  // The app, with no Stytch variables, talks to EMBEDDED_EMULATOR_FALLBACK; start the
  // emulator with exactly those credentials and that address so the two always agree.
  const endpoint = EMBEDDED_EMULATOR_FALLBACK;
  if (endpoint.port !== EMULATOR_DEFAULTS.port) {
    console.warn(`Note: the app expects the emulator on port ${endpoint.port}, not its default ${EMULATOR_DEFAULTS.port}.`);
  }
  try {
    return await startEmulator({
      host: endpoint.host,
      port: endpoint.port,
      projectId: endpoint.projectId,
      secret: endpoint.secret,
      // Keeps the signing key across runs, so a session restored after a restart still verifies.
      dataDir: join(projectRoot, '.emulator-data'),
      log: (line) => console.log(`[emulator] ${line}`),
      openInApp: electronPath === null ? undefined : (link) => openInApp(electronPath, link),
    });
  } catch (error) {
    if (isAddressInUse(error)) {
      console.error(
        `Port ${endpoint.port} on ${endpoint.host} is already in use, so the Stytch emulator cannot start.\n` +
          'Another `npm start` or `npm run emulator` is probably running: stop it and try again, or point the app ' +
          'at a running emulator with STYTCH_PROJECT_ID, STYTCH_SECRET and STYTCH_API_URL.',
      );
      process.exit(1);
    }
    throw error;
  }
}

/** Runs the electron package's own installer once; its error stays quiet unless asked for. */
function downloadElectron(): Promise<string | null> {
  const require = createRequire(import.meta.url);
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  console.log('The Electron binary is not installed yet; downloading it once (this needs internet access)…');
  return new Promise((resolveDownload) => {
    const child = spawn(process.execPath, [installer], { cwd: projectRoot, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => resolveDownload(error.message));
    child.on('exit', (code) => {
      const firstLine = stderr.split('\n').find((line) => line.trim() !== '') ?? `exit code ${code ?? 'unknown'}`;
      resolveDownload(code === 0 ? null : firstLine.trim());
    });
  });
}

async function findOrFetchElectron(): Promise<ReturnType<typeof electronBinaryStatus>> {
  const status = electronBinaryStatus();
  // With an override the person chose a binary; never download behind their back.
  if (status.present || process.env.ELECTRON_EXEC_PATH || process.env.ELECTRON_OVERRIDE_DIST_PATH) return status;
  const failure = await downloadElectron();
  const after = electronBinaryStatus();
  if (after.present || failure === null) return after;
  return { present: false, reason: `${after.reason}; the download failed: ${failure}` };
}

function electronViteBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
}

function runApp(electronPath: string): ChildProcess {
  // electron-vite finds Electron through ELECTRON_EXEC_PATH first; pass the path resolved
  // here so ELECTRON_OVERRIDE_DIST_PATH is honoured the same way.
  return spawn(process.execPath, [electronViteBin(), 'dev'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: electronPath },
  });
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.ok) {
    console.error(`The configuration was refused:\n  ${config.errors.join('\n  ')}`);
    process.exit(2);
  }
  const binary = await findOrFetchElectron();
  const electronPath = binary.present ? binary.path : null;

  let emulator: RunningEmulator | null = null;
  if (config.config.mode === 'emulator') {
    emulator = await startEmbeddedEmulator(electronPath);
    console.log(`Stytch emulator listening on ${emulator.url}`);
    console.log(`Dev inbox: ${emulator.inboxUrl}  (sign-in emails appear here; nothing leaves this machine)`);
  } else {
    console.log('Stytch variables are set: using that Stytch project, no emulator.');
  }

  const shutdown = (code: number): void => {
    void (emulator?.close() ?? Promise.resolve()).finally(() => process.exit(code));
  };
  process.on('SIGINT', () => shutdown(130));
  process.on('SIGTERM', () => shutdown(143));

  if (!binary.present) {
    console.error(describeMissingElectron(binary));
    if (emulator === null) process.exit(1);
    console.error('The emulator and its dev inbox keep running so the flow can be inspected; press Ctrl+C to stop.');
    return;
  }

  const app = runApp(binary.path);
  app.on('exit', (code, signal) => shutdown(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
