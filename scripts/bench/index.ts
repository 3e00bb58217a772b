// `npm run bench`: every app benchmark, one after another, each in its own process so one
// bench's warm caches and timers never flatter the next. Figures are printed, not asserted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BENCHES = [
  { name: 'sign-in core', script: 'scripts/bench/core.ts' },
  { name: 'relay vs direct', script: 'scripts/bench/relay.ts' },
  { name: 'renderer', script: 'scripts/bench/renderer.ts', needsBuild: true },
  { name: 'cold start', script: 'scripts/bench/cold-start.ts', needsBuild: true },
];

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let failed = 0;

for (const bench of BENCHES) {
  console.log(`\n=== ${bench.name}`);
  if (bench.needsBuild && !(existsSync('out/renderer/index.html') && existsSync('out/main/index.js'))) {
    console.log('out/ is missing; building it first (electron-vite build)');
    spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' });
  }
  const result = spawnSync(npx, ['tsx', bench.script], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
console.log(`\n${BENCHES.length - failed} of ${BENCHES.length} benchmarks ran; emulator throughput: npm run bench:emulator`);
process.exit(failed > 0 ? 1 : 0);
