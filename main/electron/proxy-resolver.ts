// The system's proxy settings as Chromium sees them (manual, PAC, WPAD), for the app's own
// calls: session.resolveProxy answers per URL, main/network turns the answer into a route.
// Rule: wiring only; parsing and routing live in main/network.
import type { Session } from 'electron';
import { NODE_CA_SOURCES } from '../network/trusted-cas';
import type { Expect } from './type-checks';
import type { NetworkSettings } from '../network/routing-dispatcher';

/** The part of Electron's Session this uses. */
export interface ProxySessionLike {
  resolveProxy(url: string): Promise<string>;
}
export type _SessionFits = Expect<Session extends ProxySessionLike ? true : false>;

export interface SystemNetwork {
  settings: NetworkSettings;
  /** The network may have changed (resume): routes are asked for again. */
  changed(): void;
}

export function systemNetwork(session: ProxySessionLike): SystemNetwork {
  const listeners: (() => void)[] = [];
  return {
    settings: {
      resolveProxy: (url) => session.resolveProxy(url),
      caSources: NODE_CA_SOURCES,
      onChange: (listener) => listeners.push(listener),
    },
    changed: () => {
      for (const listener of listeners) listener();
    },
  };
}
