// Start-up lines logged before the file logger exists reach it, in order, once attached.
import { describe, expect, it } from 'vitest';
import { createBufferedLogger } from '../../../main/log/buffered-logger';
import type { Logger } from '../../../common/ports';

function recorder(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

describe('buffered logger', () => {
  it('holds lines until attached, then passes them on in order and writes through', () => {
    const lines: string[] = [];
    const logger = createBufferedLogger();
    logger.info('first', { a: 1 });
    logger.error('second');
    expect(lines).toEqual([]);
    logger.attach(recorder(lines));
    logger.debug('third');
    expect(lines).toEqual(['info first {"a":1}', 'error second', 'debug third']);
  });

  it('keeps the newest lines of a flood and says how many it dropped', () => {
    const lines: string[] = [];
    const logger = createBufferedLogger();
    for (let i = 0; i < 205; i += 1) logger.info(`line ${i}`);
    logger.attach(recorder(lines));
    expect(lines[0]).toBe('warn start-up log lines were dropped before the log file opened {"dropped":5}');
    expect(lines[1]).toBe('info line 5');
    expect(lines).toHaveLength(201);
  });
});
