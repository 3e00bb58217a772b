// The page's bridge for components: window.grimoire with deadlines (see deadlines.ts),
// provided once by main.tsx. Undefined when the preload failed to load; callers say so.
import { createContext } from 'react';
import type { GrimoireApi } from '../preload/api';

export const BridgeContext = createContext<GrimoireApi | undefined>(undefined);
