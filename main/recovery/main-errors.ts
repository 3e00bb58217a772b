// What the main process does with an error nobody caught. Every one is logged (the logger
// redacts it) under a stable code support can search for. An uncaught exception is fatal:
// the process state is unknown, so the person is told what broke and where the log is, and
// the app exits. An unhandled rejection is logged and the app carries on: each background
// task already ends in a defined state on its own, and this is the net under that.
// A dialog can only be shown once the app is `ready` (before that, Linux only prints it),
// so a fatal error before `ready` waits for it.
// Rule: nothing here may import electron.
import { redactText } from '../../common/log/redact';
import type { Logger } from '../../common/ports';

export const MAIN_ERROR_CODES = {
  uncaughtException: 'main-uncaught-exception',
  unhandledRejection: 'main-unhandled-rejection',
} as const;

export type MainErrorKind = keyof typeof MAIN_ERROR_CODES;

/** How much of the error the dialog shows; the log has the rest. */
const PROBLEM_MAX_LENGTH = 300;

export interface MainErrorDeps {
  logger: Logger;
  logFilePath: string;
  /** Runs `show` now when the app is ready, or once it is. */
  whenReady: (show: () => void) => void;
  /** A blocking native error box (dialog.showErrorBox). */
  showErrorBox: (title: string, content: string) => void;
  exit: (code: number) => void;
}

/** One line naming the problem: the error's name and message, redacted and cut short. */
export function describeProblem(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `A value that is not an error was thrown (${error === null ? 'null' : typeof error})`;
  const redacted = redactText(text);
  return redacted.length > PROBLEM_MAX_LENGTH ? `${redacted.slice(0, PROBLEM_MAX_LENGTH - 1)}…` : redacted;
}

export function fatalDialog(code: string, problem: string, logFilePath: string): { title: string; content: string } {
  return {
    title: 'PromptGrimoire has to close',
    content: `Something went wrong that PromptGrimoire cannot recover from:\n\n${problem}\n\nError code: ${code}\nThe log file, which support may ask for, is:\n${logFilePath}`,
  };
}

export interface MainErrorHandler {
  handle(kind: MainErrorKind, error: unknown): void;
}

export function createMainErrorHandler(deps: MainErrorDeps): MainErrorHandler {
  let closing = false;
  return {
    handle(kind, error) {
      const code = MAIN_ERROR_CODES[kind];
      const fatal = kind === 'uncaughtException';
      deps.logger.error(fatal ? 'fatal error in the main process' : 'unhandled rejection in the main process', {
        code,
        error,
        stack: error instanceof Error ? (error.stack ?? null) : null,
      });
      // A second fatal error while the first one's dialog waits is logged, not shown again.
      if (!fatal || closing) return;
      closing = true;
      const { title, content } = fatalDialog(code, describeProblem(error), deps.logFilePath);
      deps.whenReady(() => {
        try {
          deps.showErrorBox(title, content);
        } finally {
          deps.exit(1);
        }
      });
    },
  };
}
