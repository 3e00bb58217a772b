// A logger for the first milliseconds of start-up, before the file logger is loaded: the
// window is created first, so the modules behind the real logger load after it. Entries
// wait here, in order, and reach the real logger when it is attached; after that every call
// goes straight through. Redaction happens in the real logger, so nothing here writes.
// Rule: nothing here may import electron.
import type { LogFields, Logger } from '../../common/ports';

type Level = keyof Logger;
/** Enough for start-up's few lines; a flood before attach keeps the newest. */
const MAX_WAITING = 200;

export interface BufferedLogger extends Logger {
  attach(target: Logger): void;
}

export function createBufferedLogger(): BufferedLogger {
  let target: Logger | null = null;
  const waiting: Array<[Level, string, LogFields | undefined]> = [];
  let dropped = 0;
  const write = (level: Level) => (message: string, fields?: LogFields) => {
    if (target) return target[level](message, fields);
    if (waiting.length === MAX_WAITING) {
      waiting.shift();
      dropped += 1;
    }
    waiting.push([level, message, fields]);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    attach(next) {
      target = next;
      if (dropped > 0) next.warn('start-up log lines were dropped before the log file opened', { dropped });
      for (const [level, message, fields] of waiting.splice(0)) next[level](message, fields);
    },
  };
}
