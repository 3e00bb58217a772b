// `tsx scripts/electronegativity.ts` (a step of `npm test`): Doyensec's Electronegativity
// over main/, preload/ and renderer/. It fails when a finding above LOW has no write-up
// (rule id + file, with a reason) in docs/security.md.
// The tool is installed with npm into its own prefix under node_modules/.cache, so its old
// dependencies stay out of the app's lockfile; a second run reuses it. It always exits 0
// and can crash on its way out when offline, so the SARIF file it writes is what counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PACKAGE = '@doyensec/electronegativity';
const VERSION = '1.10.3';
const CACHE = resolve('node_modules/.cache/electronegativity');
const TOOL_DIR = join(CACHE, 'node_modules', ...PACKAGE.split('/'));
const OUT = resolve('test-results/electronegativity');
const FOLDERS = ['main', 'preload', 'renderer'] as const;
const DOC = 'docs/security.md';
const DOC_SECTION = '## Electronegativity findings';
// The one check that needs GitHub (it downloads Electron's release list to say whether the
// pinned version has newer security fixes). Electron upgrades are tracked separately.
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface Finding {
  rule: string;
  /** Project-relative file, or `<folder>/` for a check about the folder as a whole. */
  file: string;
  line: number;
  message: string;
}

function installedVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(TOOL_DIR, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function ensureInstalled(): void {
  if (installedVersion() === VERSION) return;
  mkdirSync(CACHE, { recursive: true });
  // A package.json of its own makes this folder npm's project root, not the app's.
  writeFileSync(join(CACHE, 'package.json'), `${JSON.stringify({ private: true, description: 'Electronegativity, outside the app lockfile' }, null, 2)}\n`);
  console.log(`installing ${PACKAGE}@${VERSION} into ${CACHE}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--prefix', CACHE, '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', `${PACKAGE}@${VERSION}`], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || installedVersion() !== VERSION) throw new Error(`could not install ${PACKAGE}@${VERSION} with npm`);
}

/**
 * Offline, the tool's translation download (got 11) throws from a retry timer after its
 * promise has settled, which kills the process mid-scan. Only that one error is swallowed.
 */
function offlineGuard(): string {
  const path = join(CACHE, 'offline-guard.cjs');
  writeFileSync(
    path,
    [
      "process.on('uncaughtException', (error) => {",
      "  if (error && /onCancel. handler was attached after the promise settled/.test(String(error.message))) return;",
      '  console.error(error);',
      '  process.exit(70);',
      '});',
      '',
    ].join('\n'),
  );
  return path;
}

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies?: Record<string, string> };
  return (pkg.devDependencies?.['electron'] ?? '').replace(/^[^\d]*/, '') || '45.5.0';
}

interface Sarif {
  runs?: Array<{
    results?: Array<{
      ruleId?: string;
      message?: { text?: string };
      locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }>;
    }>;
  }>;
}

/** Findings of MEDIUM severity and above (`-s medium`) in one folder. */
function scan(folder: string, guard: string): Finding[] {
  const sarif = join(OUT, `${folder}.sarif`);
  rmSync(sarif, { force: true });
  const args = ['--require', guard, join(TOOL_DIR, 'dist', 'index.js'), '-i', folder, '-o', sarif, '-r', '-s', 'medium', '-e', electronVersion(), '-x', NETWORK_CHECKS.join(',')];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 180_000 });
  if (!existsSync(sarif)) throw new Error(`electronegativity wrote no SARIF for ${folder}/ (exit ${String(result.status)}):\n${result.stderr}`);
  const report = JSON.parse(readFileSync(sarif, 'utf8')) as Sarif;
  return (report.runs ?? []).flatMap((run) =>
    (run.results ?? []).map((r) => {
      const location = r.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri ?? '';
      const global = uri === '' || uri.startsWith('file://');
      return {
        rule: r.ruleId ?? 'UNKNOWN',
        file: global ? `${folder}/` : `${folder}/${uri.replace(/^\.?\//, '')}`,
        line: location?.region?.startLine ?? 0,
        message: r.message?.text ?? '',
      };
    }),
  );
}

/** `| RULE_ID | path | reason |` rows of the write-up section, keyed by rule and file. */
function writeUps(): Map<string, string> {
  const text = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const start = text.indexOf(DOC_SECTION);
  const map = new Map<string, string>();
  if (start < 0) return map;
  const rest = text.slice(start + DOC_SECTION.length);
  const end = rest.search(/^## /m);
  for (const line of (end < 0 ? rest : rest.slice(0, end)).split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''));
    if (cells.length < 5 || !/^[A-Z][A-Z0-9_]+$/.test(cells[1] ?? '')) continue;
    const reason = cells[3] ?? '';
    if (reason.length >= 10) map.set(`${cells[1] ?? ''} ${cells[2] ?? ''}`, reason);
  }
  return map;
}

function main(): void {
  ensureInstalled();
  mkdirSync(OUT, { recursive: true });
  const guard = offlineGuard();
  const findings = FOLDERS.flatMap((folder) => scan(folder, guard));
  const explained = writeUps();
  const unexplained = findings.filter((f) => !explained.has(`${f.rule} ${f.file}`));
  const seen = new Set(findings.map((f) => `${f.rule} ${f.file}`));
  const stale = [...explained.keys()].filter((key) => !seen.has(key));

  console.log(`Electronegativity ${VERSION} over ${FOLDERS.map((f) => `${f}/`).join(', ')} (Electron ${electronVersion()}; severity MEDIUM and above)`);
  for (const f of findings) {
    const where = f.line > 0 && !f.file.endsWith('/') ? `${f.file}:${f.line}` : f.file;
    console.log(`  ${explained.has(`${f.rule} ${f.file}`) ? 'written up ' : 'UNEXPLAINED'}  ${f.rule.padEnd(40)} ${where}`);
  }
  for (const key of stale) console.log(`  (write-up with no finding any more: ${key})`);
  console.log(`  ${findings.length} findings, ${findings.length - unexplained.length} written up in ${DOC}, ${unexplained.length} unexplained; SARIF in ${OUT}`);
  if (unexplained.length > 0) {
    console.log(`Add a row "| RULE_ID | file | reason |" under "${DOC_SECTION}" for each unexplained finding, or fix it.`);
    process.exitCode = 1;
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
