// The emulator's clock: real time plus an offset that tests can only move forward. Token and
// session expiry use it; JWT iat/nbf/exp deliberately do not (the app checks them against
// its own, real clock).
export class EmulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advance needs a non-negative number of seconds');
    this.offsetMs += seconds * 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
