// Contract §2.4: at most one link request per email per second, across send, login_or_create
// and invite. Uses the emulator clock so tests can step past a window instead of sleeping.
import { StytchApiError } from './errors';

const WINDOW_MS = 1000;

export class RateLimiter {
  private readonly last = new Map<string, number>();

  constructor(public enabled: boolean) {}

  /** Throws too_many_requests when this email was served less than a second ago. */
  check(email: string, now: number): void {
    if (!this.enabled) return;
    const key = email.toLowerCase();
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < WINDOW_MS) throw new StytchApiError('too_many_requests');
    this.last.set(key, now);
  }

  clear(): void {
    this.last.clear();
  }
}
