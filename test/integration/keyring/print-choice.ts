// Run inside scripts/qa/linux-session.sh: prints the password-store choice the app would
// make on a Sway desktop, asking the real session bus.
import { choosePasswordStore } from '../../../main/keyring/password-store';
import { listSessionBusNames } from '../../../main/keyring/session-bus';

const started = performance.now();
const choice = choosePasswordStore({ env: { XDG_CURRENT_DESKTOP: 'sway' }, givenSwitch: null, busNames: () => listSessionBusNames(process.env) });
process.stdout.write(`${JSON.stringify({ ...choice, ms: Math.round(performance.now() - started) })}\n`);
