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

/**
 * The Logger port over one write function: events below `minLevel` are dropped before any
 * formatting, so debug lines cost nothing when they are off. Shared by every log format.
 */
export function leveledLogger(minLevel: LogLevel, write: (level: LogLevel, message: string, fields?: LogFields) => void): Logger {
  const minRank = LOG_LEVELS.indexOf(minLevel);
  const at = (level: LogLevel) => {
    const on = LOG_LEVELS.indexOf(level) >= minRank;
    return (message: string, fields?: LogFields): void => {
      if (on) write(level, message, fields);
    };
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function createLogger(sink: LogSink, options: LoggerOptions = {}): Logger {
  const prefix = options.scope ? `[${options.scope}] ` : '';

  return leveledLogger(options.minLevel ?? 'info', (level, message, fields) => {
    let line = prefix + redactText(message);
    if (fields && Object.keys(fields).length > 0) {
      line += ' ' + safeJson(redactValue(fields));
    }
    try {
      sink(level, line);
    } catch {
      // A broken sink must never break sign-in; there is nowhere else to report it.
    }
  });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '"[unserializable]"';
  }
}
