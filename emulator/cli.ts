// `npm run emulator`: runs the emulator in the foreground. The rule: the first line on stdout
// is exactly "Stytch emulator listening on <url>" (scripts wait for it); bad flags exit 2.
import { USAGE, parseCliArgs } from './cli-args';
import { exposureWarning } from './host-guard';
import { EMULATOR_DEFAULTS, startEmulator } from './index';

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.ok === 'help') {
    console.log(USAGE);
    return;
  }
  if (!parsed.ok) {
    console.error(`stytch emulator: ${parsed.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator({ ...parsed.options, log: (line) => console.log(line) });
  } catch (error) {
    console.error(`stytch emulator: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  const running = emulator;
  console.log(`Stytch emulator listening on ${running.url}`);
  console.log(`Dev inbox:      ${running.inboxUrl}`);
  console.log(`STYTCH_API_URL=${running.url}/`);
  console.log(`project_id:     ${running.projectId}`);
  console.log(`secret:         ${running.secret}`);
  console.log(`public token:   ${running.publicToken}`);
  console.log(`data dir:       ${running.dataDir}${parsed.options.rateLimit ? '\nrate limit:     on' : ''}`);
  // On stderr, after the listening line that scripts wait for.
  const exposed = exposureWarning(parsed.options.host ?? EMULATOR_DEFAULTS.host);
  if (exposed) console.error(`stytch emulator: ${exposed}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
