// The Logger the core writes to. It formats one line per event and redacts it before the
// sink (electron-log in the app, an array in tests) ever sees it.
// Rule: nothing here may import electron; no token, JWT, verifier or secret reaches the sink.
import type { LogFields, Logger } from '../ports';
import { redactText, redactValue } from './redact';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogSink = (level: LogLevel, line: string) => void;

export interface LoggerOptions {
  /** Lines below this level are dropped. Default 'info'. */
  minLevel?: LogLevel;
  /** Prefixed to every message, e.g. 'auth'. */
  scope?: string;
}

export function createLogger(sink: LogSink, options: LoggerOptions = {}): Logger {
  const minRank = LOG_LEVELS.indexOf(options.minLevel ?? 'info');
  const prefix = options.scope ? `[${options.scope}] ` : '';

  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < minRank) return;
    let line = prefix + redactText(message);
    if (fields && Object.keys(fields).length > 0) {
      line += ' ' + safeJson(redactValue(fields));
    }
    try {
      sink(level, line);
    } catch {
      // A broken sink must never break sign-in; there is nowhere else to report it.
    }
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '"[unserializable]"';
  }
}
