// Installs the main process's last-resort error handlers (policy: main/recovery/main-errors.ts).
// Called first thing in main/index.ts, once the logger exists, so nothing thrown later
// escapes them.
// Rule: Electron types only.
import type { App, Dialog } from 'electron';
import type { Logger } from '../../common/ports';
import { createMainErrorHandler } from '../recovery/main-errors';
import type { Expect } from './type-checks';

export interface ErrorProcess {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}
export type _ProcessFitsErrorProcess = Expect<NodeJS.Process extends ErrorProcess ? true : false>;

export type ReadyApp = Pick<App, 'isReady' | 'whenReady' | 'exit'>;

export function installMainErrorHandlers(deps: {
  process: ErrorProcess;
  app: ReadyApp;
  dialog: Pick<Dialog, 'showErrorBox'>;
  logFilePath: string;
  logger: Logger;
}): void {
  const { app, dialog, logger } = deps;
  const handler = createMainErrorHandler({
    logger,
    logFilePath: deps.logFilePath,
    whenReady: (show) => {
      if (app.isReady()) show();
      else app.whenReady().then(show, () => app.exit(1));
    },
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    exit: (code) => app.exit(code),
  });
  deps.process.on('uncaughtException', (error) => handler.handle('uncaughtException', error));
  deps.process.on('unhandledRejection', (reason) => handler.handle('unhandledRejection', reason));
}
