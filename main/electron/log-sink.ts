// The sink of the core's logger: electron-log writing to a file in the user-data folder,
// where support staff can ask for it ("the link didn't open the app"). Lines arrive here
// already redacted by main/log; this module only decides where they go.
// Rule: no value import of electron-log here (it imports electron); main/electron/app-logger.ts passes
// the instance in.
import { join } from 'node:path';
import type { MainLogger } from 'electron-log';
import type { LogSink } from '../../common/log/logger';

export type ElectronLogLike = Pick<MainLogger, 'debug' | 'info' | 'warn' | 'error'> & {
  transports: {
    file: Pick<MainLogger['transports']['file'], 'resolvePathFn' | 'level' | 'maxSize'>;
    console: Pick<MainLogger['transports']['console'], 'level'>;
  };
};

export interface LogSinkOptions {
  userDataDir: string;
  /** Packaged builds write to the file only; development also prints to the terminal. */
  production: boolean;
}

export function logFilePath(userDataDir: string): string {
  return join(userDataDir, 'logs', 'main.log');
}

export function createElectronLogSink(log: ElectronLogLike, { userDataDir, production }: LogSinkOptions): LogSink {
  const file = logFilePath(userDataDir);
  log.transports.file.resolvePathFn = () => file;
  // The core's logger already filtered by level; write whatever it passes on.
  log.transports.file.level = 'debug';
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.console.level = production ? false : 'debug';
  return (level, line) => log[level](line);
}
