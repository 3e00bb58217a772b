// The app's file logger: the core's redacting logger writing through electron-log into the
// user-data folder. Loaded just after the window exists (it costs tens of milliseconds);
// lines logged before then wait in main/log/buffered-logger.ts.
import log from 'electron-log/main';
import { createLogger } from '../../common/log/logger';
import type { Logger } from '../../common/ports';
import { createElectronLogSink } from './log-sink';

export function openAppLogger(userDataDir: string, production: boolean): Logger {
  return createLogger(createElectronLogSink(log, { userDataDir, production }), { minLevel: production ? 'info' : 'debug' });
}
