// main/config.ts carries a copy of the emulator's development endpoint because emulator/ is
// never packaged; this keeps the copy honest.
import { describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../emulator/index';
import { EMBEDDED_EMULATOR_FALLBACK, loadConfig } from '../../main/config';

describe('the embedded emulator endpoint', () => {
  it('matches the emulator defaults exactly', () => {
    expect(EMBEDDED_EMULATOR_FALLBACK).toEqual({
      projectId: EMULATOR_DEFAULTS.projectId,
      secret: EMULATOR_DEFAULTS.secret,
      host: EMULATOR_DEFAULTS.host,
      port: EMULATOR_DEFAULTS.port,
    });
  });

  it('is what a configuration with no Stytch variables talks to', () => {
    const loaded = loadConfig({});
    expect(loaded.ok && loaded.config.mode).toBe('emulator');
    expect(loaded.ok && loaded.config.stytch).toMatchObject({
      projectId: EMULATOR_DEFAULTS.projectId,
      baseUrl: `http://${EMULATOR_DEFAULTS.host}:${EMULATOR_DEFAULTS.port}`,
    });
  });
});
