/// <reference types="vite/client" />
// Vite's client types cover the stylesheet import in main.tsx.
//
// The page's only door to the main process. The type comes from the contract itself, so
// the renderer cannot drift from what the preload exposes.
import type { GrimoireApi } from '../preload/api';

declare global {
  interface Window {
    /** Absent only if the preload failed to load; app code checks before use. */
    readonly grimoire: GrimoireApi | undefined;
  }
}

export {};
