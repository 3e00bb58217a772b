// `npm run test:electron`: QA's one command for the real, unpackaged app on any OS.
//   npm run test:electron [-- <more playwright test options, e.g. --repeat-each=3>]
// 1. the Electron binary: found without side effects (scripts/electron-binary.ts); when it is
//    missing, electron's own installer fetches it once (this needs internet access);
// 2. the build: electron-vite build;
// 3. the Playwright 'electron' project, with the HTML report (playwright-report/) and traces
//    of failures (test-results/playwright/). On Linux it runs inside
//    scripts/qa/linux-session.sh: Xvfb, a D-Bus session and an unlocked GNOME Keyring.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeMissingElectron, electronBinaryStatus, type ElectronBinaryStatus } from './electron-binary';
import { packageBinPath, runBin } from './package-bin';

export const LINUX_SESSION_SCRIPT = 'scripts/qa/linux-session.sh';

export interface Invocation {
  command: string;
  args: string[];
}

/** How Playwright is started for the electron project on this platform. */
export function playwrightInvocation(platform: NodeJS.Platform, node: string, playwrightCli: string, extra: readonly string[]): Invocation {
  const playwright = [playwrightCli, 'test', '--project=electron', '--reporter=list,html', ...extra];
  // Electron needs a display and Chromium a keyring; a headless Linux machine has neither.
  if (platform === 'linux') return { command: 'bash', args: [LINUX_SESSION_SCRIPT, node, ...playwright] };
  return { command: node, args: playwright };
}

/** The binary, fetched by electron's own install script when absent; null when that failed too. */
function ensureElectronBinary(): ElectronBinaryStatus {
  const status = electronBinaryStatus();
  if (status.present) return status;
  // An override names an install the person chose; fetching another would hide their mistake.
  if (process.env.ELECTRON_EXEC_PATH || process.env.ELECTRON_OVERRIDE_DIST_PATH) return status;
  console.log(`Fetching the Electron binary once (${status.reason}).`);
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'inherit' });
  return electronBinaryStatus();
}

function main(): number {
  const binary = ensureElectronBinary();
  if (!binary.present) {
    console.error(`ERROR ${describeMissingElectron(binary)}`);
    return 1;
  }
  console.log(`Electron: ${binary.path}`);

  runBin('electron-vite', 'electron-vite', ['build']);

  const { command, args } = playwrightInvocation(process.platform, process.execPath, packageBinPath('@playwright/test', 'playwright'), process.argv.slice(2));
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_HTML_OPEN: 'never' } });
  if (result.error) {
    console.error(`ERROR could not start ${command}: ${result.error.message}`);
    return 1;
  }
  if (result.status !== 0) {
    console.error('\nThe electron project failed. Open the report with `npx playwright show-report`, and a failed');
    console.error("test's trace with `npx playwright show-trace test-results/playwright/<test>/trace.zip`.");
  }
  return result.status ?? 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exit(main());
  } catch (error) {
    console.error(`ERROR ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
