// The certificate authorities the app's own connections trust: Node's defaults (its bundled
// Mozilla roots plus NODE_EXTRA_CA_CERTS) and the operating system's store, as Chromium
// trusts it. That is what lets a TLS-inspecting proxy with a company CA installed in the OS
// work without extra steps.
// Rule: nothing here may import electron.
import tls from 'node:tls';

export interface CaSources {
  defaults: () => readonly string[];
  /** The OS trust store; empty where this Node cannot read it. */
  system: () => readonly string[];
}

// tls.getCACertificates arrived in Node 22.15/23.10; older runtimes get the bundled roots only.
const hasGetCa = typeof (tls as { getCACertificates?: unknown }).getCACertificates === 'function';

export const NODE_CA_SOURCES: CaSources = {
  defaults: () => (hasGetCa ? tls.getCACertificates('default') : tls.rootCertificates),
  system: () => {
    if (!hasGetCa) return [];
    try {
      return tls.getCACertificates('system');
    } catch {
      // An unreadable OS store must not stop sign-in through the bundled roots.
      return [];
    }
  },
};

export interface TrustedCas {
  certificates: string[];
  systemCount: number;
}

export function trustedCertificates(sources: CaSources): TrustedCas {
  const system = sources.system();
  const all = new Set<string>([...sources.defaults(), ...system].map((pem) => pem.trim()));
  return { certificates: [...all], systemCount: system.length };
}
