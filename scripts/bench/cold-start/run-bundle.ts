// Runs a built main bundle in plain Node with 'electron' resolved to the recording stand-in
// (hooks.mjs), and returns what it noted: when the first window was constructed, when the
// page got its first view, and which npm packages had loaded before the window.
import { spawnSync } from 'node:child_process';
import { RENDERER_ORIGIN } from '../../../main/electron/renderer-protocol';
import { INVOKE_CONTRACT, PUSH_CONTRACT } from '../../../preload/api';

const HOOKS = new URL('./hooks.mjs', import.meta.url).href;

export interface Marks {
  /** ms since the process started. */
  window: number;
  view?: number;
  packagesBeforeWindow: string[];
}

export function runWithStandIn(bundle: string, userData: string, env: Record<string, string>, stop: 'window' | 'view'): Marks {
  const result = spawnSync(process.execPath, ['--import', HOOKS, bundle], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ...env,
      PROMPTGRIMOIRE_USER_DATA_DIR: userData,
      COLD_START_USER_DATA: userData,
      COLD_START_STOP: stop,
      COLD_START_VIEW_CHANNEL: PUSH_CONTRACT.onViewChanged.channel,
      COLD_START_GET_VIEW_CHANNEL: INVOKE_CONTRACT.getView.channel,
      COLD_START_PAGE_ORIGIN: RENDERER_ORIGIN,
    },
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('COLD_START '));
  if (!line) throw new Error(`${bundle} printed no marks (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const marks = JSON.parse(line.slice('COLD_START '.length)) as Marks;
  if (stop === 'view' && marks.view === undefined) throw new Error(`${bundle} never gave the page a view:\n${result.stdout}\n${result.stderr}`);
  return marks;
}
