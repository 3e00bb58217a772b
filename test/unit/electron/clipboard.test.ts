import { describe, expect, it } from 'vitest';
import { createClipboard, type ClipboardLike } from '../../../main/electron/clipboard';
import { recordingLogger } from './stand-ins';

describe('clipboard adapter', () => {
  it("writes the text to Electron's clipboard", async () => {
    const written: string[] = [];
    const electronClipboard: ClipboardLike = { writeText: (text) => Promise.resolve(void written.push(text)) };
    createClipboard(electronClipboard, recordingLogger().logger).writeText('PromptGrimoire diagnostics');
    await Promise.resolve();
    expect(written).toEqual(['PromptGrimoire diagnostics']);
  });

  it('logs a refused write instead of leaving an unhandled rejection', async () => {
    const { logger, lines } = recordingLogger();
    let settled: Promise<void> = Promise.resolve();
    const electronClipboard: ClipboardLike = {
      writeText: () => {
        settled = Promise.reject(new Error('clipboard owned by another process'));
        return settled;
      },
    };
    createClipboard(electronClipboard, logger).writeText('report');
    await settled.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([expect.stringMatching(/^warn clipboard: the system refused a write .*another process/) as unknown]);
  });
});
