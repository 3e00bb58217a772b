// The relay's structured log: one JSON object per line, redacted by the logger itself with
// the app's redaction rules (main/log/redact), and scrubbed of the exact secrets the relay was
// configured with, in case one ever shows up in an upstream error message.
// It implements the core's Logger port, so startRelay accepts main/log's createLogger (or
// anything else) instead when plain-text lines are wanted.
// Rule: no token, JWT, verifier or secret reaches the sink.
import type { LogFields, Logger } from '../main/ports';
import { leveledLogger, type LogLevel } from '../main/log/logger';
import { REDACTED, redactText, redactValue } from '../main/log/redact';

export interface JsonLoggerOptions {
  minLevel?: LogLevel;
  /** Exact strings that must never be written (the Stytch secret); matched anywhere. */
  secrets?: readonly string[];
  now?: () => number;
}

export function createJsonLogger(sink: (line: string) => void, options: JsonLoggerOptions = {}): Logger {
  // Short strings are too likely to collide with ordinary text to be worth scrubbing.
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const now = options.now ?? Date.now;

  const scrub = (line: string): string => secrets.reduce((text, secret) => text.split(secret).join(REDACTED), line);

  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    const record = { time: new Date(now()).toISOString(), level, msg: redactText(message), ...(redactFields(fields) ?? {}) };
    let line: string;
    try {
      line = scrub(JSON.stringify(record));
    } catch {
      line = scrub(JSON.stringify({ time: record.time, level, msg: record.msg, fields: '[unserializable]' }));
    }
    try {
      sink(line);
    } catch {
      // A broken sink must not take a request down with it.
    }
  };

  return leveledLogger(options.minLevel ?? 'info', write);
}

function redactFields(fields: LogFields | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const redacted = redactValue(fields);
  if (typeof redacted !== 'object' || redacted === null || Array.isArray(redacted)) return { fields: redacted };
  // Keep time/level/msg authoritative: a field may not overwrite them.
  const { time: _time, level: _level, msg: _msg, ...rest } = redacted as Record<string, unknown>;
  return rest;
}
