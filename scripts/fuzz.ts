// `npm run fuzz`: the property and fuzz suites with fresh random seeds and ten times the
// runs of `npm test`. Each property prints its seed and the command that replays it; a
// counterexample found here becomes a named case in test/unit/hardening/fuzz-regressions.test.ts.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const DIR = 'test/unit/hardening';
const suites = readdirSync(DIR)
  .filter((name) => name.endsWith('.fuzz.test.ts'))
  .map((name) => `${DIR}/${name}`);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const result = spawnSync(npx, ['vitest', 'run', ...suites], { stdio: 'inherit', env: { ...process.env, FUZZ: 'random' } });
if (result.status !== 0) {
  console.log('\nA property failed. Its seed and replay command are printed above (lines starting "[fuzz]");');
  console.log('fast-check printed the shrunk counterexample. Add it to test/unit/hardening/fuzz-regressions.test.ts by name.');
}
process.exit(result.status ?? 1);
