// A clock for countdowns. It ticks only until the given instant has passed, and a few
// times a second so a rounded-up countdown never visibly skips a number.
import { useEffect, useState } from 'react';

const TICK_MS = 250;

export function useNow(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    if (Date.now() >= until) return;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) window.clearInterval(timer);
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [until]);
  return now;
}
