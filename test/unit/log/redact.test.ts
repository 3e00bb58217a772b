import { describe, expect, it } from 'vitest';
import { REDACTED, redactText } from '../../../common/log/redact';

describe('redactText', () => {
  it('keeps file paths whose folders mix letters and digits', () => {
    const path = '/Users/Ana2024/Library/Logs/PromptGrimoire/main/PromptGrimoireDesktopBuild2026x/main.log';
    expect(redactText(`log file: ${path}`)).toBe(`log file: ${path}`);
  });

  it('still hides a long random run between slashes', () => {
    const blob = 'Qm9vbGVhbkFsZ2VicmFJc0Z1bjIwMjZ4eXo0NTY3';
    expect(redactText(`/keys/${blob}/x`)).toBe(`/keys/${REDACTED}/x`);
  });

  it('hides a password in a URL and secret-named values in free text', () => {
    expect(redactText('GET https://project-test-1:hunter2@api.example.com/v1')).toBe(
      `GET https://project-test-1:${REDACTED}@api.example.com/v1`,
    );
    expect(redactText('password=hunter2 token=abc123 api_key=k1')).toBe(
      `password=${REDACTED} token=${REDACTED} api_key=${REDACTED}`,
    );
    expect(redactText('{"session_token":"short"}')).toBe(`{"session_token":"${REDACTED}"}`);
  });

  it('leaves no stray padding after a Stytch secret', () => {
    expect(redactText('secret-live-abc123=')).toBe(REDACTED);
  });
});
