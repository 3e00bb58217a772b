// The clipboard adapter: plain text for the diagnostics report; a device link in one atomic
// write together with each OS's "keep this out of history" marks; refusals logged and
// handed back.
import { describe, expect, it } from 'vitest';
import { concealedFormats, createClipboard, rawFormat } from '../../../main/electron/clipboard';
import { makeStandInItem, recordingLogger, standInClipboard } from './stand-ins';

const LINK = 'promptgrimoire://auth/callback?stytch_token_type=magic_links&token=abc';
const adapterOn = (platform: NodeJS.Platform, refuseWrites = false) => {
  const stand = standInClipboard({ refuseWrites });
  const log = recordingLogger();
  return { ...stand, ...log, port: createClipboard(stand.clipboard, log.logger, { platform, makeItem: makeStandInItem }) };
};

describe('clipboard adapter', () => {
  it("writes plain text to Electron's clipboard, unmarked", async () => {
    const { port, state } = adapterOn('darwin');
    await port.writeText('PromptGrimoire diagnostics');
    expect(state.text).toBe('PromptGrimoire diagnostics');
    expect(state.written).toEqual([]);
  });

  it('macOS: the link and the ConcealedType mark go in one write', async () => {
    const { port, state } = adapterOn('darwin');
    await port.writeSecret(LINK);
    expect(state.written).toHaveLength(1);
    expect(state.written[0]?.[0]?.items).toEqual({ 'text/plain': LINK, [rawFormat('org.nspasteboard.ConcealedType')]: '' });
    expect(await port.readText()).toBe(LINK);
  });

  it('Windows: out of clipboard history, cloud clipboard and monitors, each history flag a DWORD 0', async () => {
    const { port, state } = adapterOn('win32');
    await port.writeSecret(LINK);
    const items = state.written[0]?.[0]?.items ?? {};
    expect(Object.keys(items).sort()).toEqual(
      [
        'text/plain',
        rawFormat('CanIncludeInClipboardHistory'),
        rawFormat('CanUploadToCloudClipboard'),
        rawFormat('ExcludeClipboardContentFromMonitorProcessing'),
      ].sort(),
    );
    const history = items[rawFormat('CanIncludeInClipboardHistory')];
    expect(history instanceof Blob ? [...new Uint8Array(await history.arrayBuffer())] : history).toEqual([0, 0, 0, 0]);
  });

  it("Linux: KDE's password-manager hint; unknown systems get the text alone", () => {
    expect(concealedFormats('linux')).toEqual({ [rawFormat('x-kde-passwordManagerHint')]: 'secret' });
    expect(concealedFormats('freebsd')).toEqual({});
  });

  it('reads and clears the system clipboard', async () => {
    const { port, state } = adapterOn('linux');
    await port.writeSecret(LINK);
    port.clear();
    expect(state.cleared).toBe(1);
    expect(await port.readText()).toBe('');
  });

  it('logs a refused write and hands the refusal back to the caller, for text and for a link', async () => {
    const { port, lines } = adapterOn('darwin', true);
    await expect(port.writeText('report')).rejects.toThrow('another process');
    await expect(port.writeSecret(LINK)).rejects.toThrow('another process');
    expect(lines).toEqual([
      expect.stringMatching(/^warn clipboard: the system refused a write .*another process/) as unknown,
      expect.stringMatching(/^warn clipboard: the system refused a write .*another process/) as unknown,
    ]);
    expect(lines.join('\n')).not.toContain('token=abc');
  });
});
