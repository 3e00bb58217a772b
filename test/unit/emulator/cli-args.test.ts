import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../emulator/cli-args';
import { EMULATOR_DEFAULTS } from '../../../emulator/index';

describe('parseCliArgs', () => {
  it('defaults to the fixed port and .emulator-data', () => {
    expect(parseCliArgs([])).toEqual({ ok: true, options: { port: EMULATOR_DEFAULTS.port, dataDir: '.emulator-data' } });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const parsed = parseCliArgs(['--port', '0', '--host=0.0.0.0', '--project-id', 'p', '--secret', 's', '--public-token', 't', '--data-dir', 'd', '--rate-limit']);
    expect(parsed).toEqual({ ok: true, options: { port: 0, host: '0.0.0.0', projectId: 'p', secret: 's', publicToken: 't', dataDir: 'd', rateLimit: true } });
  });

  it('reads the retention caps into limits', () => {
    const parsed = parseCliArgs(['--max-tokens', '20000', '--max-sessions=500', '--max-outbox', '50']);
    expect(parsed).toEqual({
      ok: true,
      options: { port: EMULATOR_DEFAULTS.port, dataDir: '.emulator-data', limits: { tokens: 20000, sessions: 500, outbox: 50 } },
    });
  });

  it.each([
    [['--max-tokens', '0'], '--max-tokens must be a positive integer'],
    [['--max-sessions', 'lots'], '--max-sessions must be a positive integer'],
    [['--max-outbox'], '--max-outbox needs a value'],
    [['--port=-1'], '--port must be an integer'],
    [['--port', '-1'], '--port needs a value (one that starts with - is written --port=-…)'],
    [['--port=8O80'], '--port must be an integer 0..65535, got "8O80"'],
    [['--max-tokens=1e3'], '--max-tokens must be a positive integer, got "1e3"'],
    [['--port='], '--port needs a value'],
    [['--rate-limit=yes'], "Option '--rate-limit' does not take an argument"],
    [['-x'], 'Unknown option: -x'],
    [['--port', '70000'], '--port must be an integer'],
    [['--port'], '--port needs a value'],
    [['--secret', '--rate-limit'], '--secret needs a value'],
    [['--what'], 'Unknown option: --what'],
    [['stray'], 'Unexpected argument: stray (every option starts with --)'],
    [['--port', '80', '--', '--secret'], 'Unexpected argument: --secret'],
  ])('%j is refused with "%s"', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok === false && parsed.message).toContain(message);
  });

  it('recognises --help and -h', () => {
    expect(parseCliArgs(['--help'])).toEqual({ ok: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ ok: 'help' });
  });

  it('still takes a value that starts with a dash, written with =', () => {
    expect(parseCliArgs(['--secret=-leading-dash', '--project-id=-p'])).toMatchObject({ ok: true, options: { secret: '-leading-dash', projectId: '-p' } });
  });

  it('the last of a repeated flag wins, as before', () => {
    expect(parseCliArgs(['--port', '1', '--port', '2'])).toMatchObject({ ok: true, options: { port: 2 } });
  });
});
