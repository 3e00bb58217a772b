// A gateway that loads its implementation on the first network call. The Stytch SDK and
// undici take about a tenth of a second to import, and the first screen (a local restore)
// needs neither: local JWT checks run here without loading anything.
// Rule: nothing here may import electron; like every gateway, it never throws.
import type { GatewayResult, StytchGateway } from './stytch-gateway';

type AsyncMethod = Exclude<keyof StytchGateway, 'verifySessionJwt' | 'close'>;

// Every method that may reach the network; a Record, so a method added to the interface
// and missing here fails to compile.
const ASYNC_METHODS = Object.keys({
  sendMagicLink: true,
  authenticateMagicLink: true,
  authenticateSession: true,
  fetchSigningKeys: true,
  revokeSession: true,
  listSessions: true,
  revokeSessionById: true,
  createEmbeddableLink: true,
  invite: true,
  revokeInvite: true,
} satisfies Record<AsyncMethod, true>) as AsyncMethod[];

export function createDeferredGateway(
  load: () => Promise<StytchGateway>,
  /** The local check used until the real gateway is loaded; it then answers itself. */
  verifyLocally: StytchGateway['verifySessionJwt'],
): StytchGateway {
  let loading: Promise<StytchGateway> | undefined;
  let loaded: StytchGateway | undefined;
  const gateway = (): Promise<StytchGateway> => {
    loading ??= load().then((real) => (loaded = real));
    return loading;
  };

  const deferred = {} as Record<AsyncMethod, (...args: never[]) => Promise<GatewayResult<unknown>>>;
  for (const name of ASYNC_METHODS) {
    deferred[name] = async (...args: never[]) => {
      let real: StytchGateway;
      try {
        real = await gateway();
      } catch (error) {
        // Only a broken installation gets here (a bundle chunk missing): say so, never throw.
        loading = undefined;
        return { ok: false, failure: { code: 'unexpected', detail: `could not load the Stytch client: ${String(error)}` } };
      }
      return (real[name] as (this: StytchGateway, ...a: never[]) => Promise<GatewayResult<unknown>>).apply(real, args);
    };
  }

  return {
    ...(deferred as unknown as Omit<StytchGateway, 'verifySessionJwt' | 'close'>),
    verifySessionJwt: (jwt, keys, nowMs) => (loaded ?? { verifySessionJwt: verifyLocally }).verifySessionJwt(jwt, keys, nowMs),
    close: async () => {
      if (loading) await (await loading.catch(() => undefined))?.close();
    },
  };
}
