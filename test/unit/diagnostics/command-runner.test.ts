import { describe, expect, it } from 'vitest';
import { createCommandRunner } from '../../../main/diagnostics/command-runner';

describe('createCommandRunner', () => {
  const run = createCommandRunner({ env: { PATH: '/usr/bin:/bin' }, timeoutMs: 2000 });

  it('resolves with the output of a program that succeeds', async () => {
    await expect(run('sh', ['-c', 'printf "%s" "$0"', 'a b'])).resolves.toEqual({ exitCode: 0, stdout: 'a b', stderr: '' });
  });

  it('resolves with the exit status and stderr of a program that fails', async () => {
    await expect(run('sh', ['-c', 'echo no >&2; exit 4'])).resolves.toEqual({ exitCode: 4, stdout: '', stderr: 'no\n' });
  });

  it('passes only the environment it was given', async () => {
    const result = await run('sh', ['-c', 'printf "%s" "${HOME-unset}"']);
    expect(result.stdout).toBe('unset');
  });

  it('rejects with ENOENT when the program is not installed', async () => {
    await expect(run('promptgrimoire-no-such-tool', [])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops a program that outlives the time limit', async () => {
    const quick = createCommandRunner({ env: { PATH: '/usr/bin:/bin' }, timeoutMs: 200 });
    const result = await quick('sleep', ['5']);
    expect(result).toEqual({ exitCode: null, stdout: '', stderr: 'timed out after 200 ms' });
  });
});
