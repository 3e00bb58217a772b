// The relay's structured log: pino, one JSON object per line. Every finished line passes a
// redacting destination before it is written: the app's value-scanning redaction
// (common/log/redact) over every value (message, fields, child bindings, whatever fastify adds),
// then the exact configured secrets scrubbed from the text. pino's path-based redaction
// alone would only catch secrets under the keys it was told about.
// Rule: no token, JWT, verifier or secret reaches the sink.
import { pino, type Logger as Pino } from 'pino';
import type { LogFields, Logger } from '../common/ports';
import type { LogLevel } from '../common/log/logger';
import { REDACTED, redactText, redactValue } from '../common/log/redact';

export interface RelayLogOptions {
  minLevel?: LogLevel;
  /** Exact strings that must never be written (the Stytch secret); matched anywhere. */
  secrets?: readonly string[];
  now?: () => number;
}

export interface RelayLog {
  /** For fastify and anything else that speaks pino. */
  pino: Pino;
  /** The core's Logger port over the same pino instance. */
  logger: Logger;
}

/** A record's own time, level and msg come from pino; a field of the same name is dropped. */
function withoutReservedKeys(record: Record<string, unknown>): Record<string, unknown> {
  const { time: _time, level: _level, msg: _msg, ...rest } = record;
  return rest;
}

/** One pino line, every value scanned; a line that is not JSON is scanned as text. */
function redactLine(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return redactText(line);
  }
  try {
    return JSON.stringify(redactValue(record));
  } catch {
    return JSON.stringify({ msg: '[unserializable log record]' });
  }
}

export function createRelayLog(sink: (line: string) => void, options: RelayLogOptions = {}): RelayLog {
  // Short strings are too likely to collide with ordinary text to be worth scrubbing.
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const now = options.now ?? Date.now;
  const scrub = (line: string): string => secrets.reduce((text, secret) => text.split(secret).join(REDACTED), line);

  const destination = {
    write(chunk: string): void {
      try {
        sink(scrub(redactLine(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk)));
      } catch {
        // A broken sink must not take a request down with it.
      }
    },
  };

  const instance = pino(
    {
      level: options.minLevel ?? 'info',
      base: undefined,
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: withoutReservedKeys,
      },
    },
    destination,
  );

  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      instance[level](fields ?? {}, message);
    };
  return { pino: instance, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}
