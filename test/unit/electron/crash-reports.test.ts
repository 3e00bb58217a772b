// Crash reports are opt-in: no submit URL, no crash reporter at all.
import { describe, expect, it } from 'vitest';
import { installCrashReports, type CrashReporterLike } from '../../../main/electron/crash-reports';
import { recordingLogger } from './stand-ins';

function recordingReporter(fail = false) {
  const starts: unknown[] = [];
  const crashReporter: CrashReporterLike = {
    start: (options) => {
      if (fail) throw new Error('crashpad could not start');
      starts.push(options);
    },
  };
  return { crashReporter, starts };
}

describe('installCrashReports', () => {
  it('starts nothing without a submit URL', () => {
    const { crashReporter, starts } = recordingReporter();
    const { logger, lines } = recordingLogger();
    expect(installCrashReports({ crashReporter, submitUrl: null, logger })).toBe(false);
    expect(starts).toEqual([]);
    expect(lines).toEqual(['info crash reports: off (no submit URL in the packaged configuration)']);
  });

  it('uploads to the configured server and logs only its origin', () => {
    const { crashReporter, starts } = recordingReporter();
    const { logger, lines } = recordingLogger();
    const submitUrl = 'https://crashes.example.org/submit/key-4f1b2c';
    expect(installCrashReports({ crashReporter, submitUrl, logger })).toBe(true);
    expect(starts).toEqual([{ submitURL: submitUrl, uploadToServer: true, compress: true, ignoreSystemCrashHandler: true }]);
    expect(lines).toEqual(['info crash reports: on {"origin":"https://crashes.example.org"}']);
  });

  it('reports off when the crash reporter refuses to start', () => {
    const { crashReporter } = recordingReporter(true);
    const { logger, lines } = recordingLogger();
    expect(installCrashReports({ crashReporter, submitUrl: 'https://crashes.example.org/', logger })).toBe(false);
    expect(lines[0]).toContain('did not start');
  });
});
