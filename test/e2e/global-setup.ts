// Playwright global setup. When the 'electron' project is part of this run and the Electron
// binary is absent, it prints exactly one line saying why that project's tests skip and how
// to get the binary, instead of one line per skipped test; and one line saying the
// installed-app specs are not run when no installed build is named. It never fails the run.
import type { FullConfig } from '@playwright/test';
import { describeMissingElectron, electronBinaryStatus } from '../../scripts/electron-binary';
import { installedAppSkipReason } from '../installed/installed-app';

/** The --project filters of this run (Playwright's own filter is not visible to global setup). */
export function projectFilters(argv: readonly string[]): string[] {
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--project=')) filters.push(arg.slice('--project='.length));
    else if (arg === '--project') {
      while (i + 1 < argv.length && !(argv[i + 1] ?? '-').startsWith('-')) filters.push(argv[(i += 1)] ?? '');
    }
  }
  return filters;
}

function matches(filter: string, name: string): boolean {
  // Playwright accepts '*' wildcards and compares names case-insensitively.
  const pattern = filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${pattern}$`, 'i').test(name);
}

export default function globalSetup(config: FullConfig): void {
  const filters = projectFilters(process.argv);
  const selected = (target: string): boolean =>
    config.projects.some(
      (project) => project.metadata?.target === target && (filters.length === 0 || filters.some((filter) => matches(filter, project.name))),
    );
  if (selected('electron')) {
    const status = electronBinaryStatus();
    if (!status.present) console.log(`electron target skipped: ${describeMissingElectron(status)}`);
  }
  // Without an installed build the 'installed' project is not defined at all.
  const installedReason = installedAppSkipReason();
  if (installedReason !== null && (filters.length === 0 || filters.some((filter) => matches(filter, 'installed')))) {
    console.log(`installed-app specs not run: ${installedReason}`);
  }
}
