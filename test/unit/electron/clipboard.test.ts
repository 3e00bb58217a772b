import { describe, expect, it } from 'vitest';
import { createClipboard, type ClipboardLike } from '../../../main/electron/clipboard';
import { recordingLogger } from './stand-ins';

describe('clipboard adapter', () => {
  it("writes the text to Electron's clipboard", async () => {
    const written: string[] = [];
    const electronClipboard: ClipboardLike = { writeText: (text) => Promise.resolve(void written.push(text)) };
    await createClipboard(electronClipboard, recordingLogger().logger).writeText('PromptGrimoire diagnostics');
    expect(written).toEqual(['PromptGrimoire diagnostics']);
  });

  it('logs a refused write and hands the refusal back to the caller', async () => {
    const { logger, lines } = recordingLogger();
    const electronClipboard: ClipboardLike = {
      writeText: () => Promise.reject(new Error('clipboard owned by another process')),
    };
    await expect(Promise.resolve(createClipboard(electronClipboard, logger).writeText('report'))).rejects.toThrow(
      'another process',
    );
    expect(lines).toEqual([expect.stringMatching(/^warn clipboard: the system refused a write .*another process/) as unknown]);
  });
});
