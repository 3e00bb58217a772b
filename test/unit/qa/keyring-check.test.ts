// The electron target's start-up check: on Linux only GNOME Keyring through libsecret passes,
// and the refusal names the backend Chromium chose and the command that fixes it.
import { describe, expect, it } from 'vitest';
import { keyringProblem } from '../../e2e/targets/keyring-check';

describe('keyringProblem', () => {
  it('accepts gnome_libsecret on Linux', () => {
    expect(keyringProblem('linux', 'gnome_libsecret')).toBeNull();
  });

  it.each(['basic_text', 'unknown', 'kwallet5', undefined])('refuses %s on Linux, naming it and the fix', (backend) => {
    const problem = keyringProblem('linux', backend);
    expect(problem).toContain(`'${backend ?? 'nothing'}' instead of 'gnome_libsecret'`);
    expect(problem).toContain('npm run test:electron');
    expect(problem).toContain('scripts/qa/linux-session.sh');
  });

  it('asks nothing of macOS and Windows, where safeStorage has no backend choice', () => {
    expect(keyringProblem('darwin', undefined)).toBeNull();
    expect(keyringProblem('win32', 'basic_text')).toBeNull();
  });
});
