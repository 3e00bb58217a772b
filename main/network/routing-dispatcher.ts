// One undici dispatcher for every call the app makes (Stytch and the relay) that goes the
// way Chromium would: it asks the system (proxy settings, PAC) which route each origin
// takes, then hands the request to a direct Agent or to a ProxyAgent for that proxy, both
// trusting the OS certificate store. Answers are cached per origin for a minute, and
// forgotten on resume or after a failed connection, so a network change is picked up.
// Rule: nothing here may import electron; a resolver that fails means "direct", logged.
import { Agent, Dispatcher, ProxyAgent } from 'undici';
import type { Clock, Logger } from '../../common/ports';
import { networkProblem, type NetworkProblem } from './network-problems';
import { parseProxyAnswer, proxyUrl, type ProxyRoute } from './proxy-answer';
import { trustedCertificates, type CaSources } from './trusted-cas';

/** Chromium's answer for a URL, e.g. session.resolveProxy: "DIRECT", "PROXY host:port". */
export type ProxyResolver = (url: string) => Promise<string>;

export interface RoutingOptions {
  resolveProxy: ProxyResolver;
  /** PEM certificates to trust (main/network/trusted-cas.ts). */
  ca: string[];
  timeoutMs: number;
  clock: Clock;
  logger: Logger;
  /** How long an answer for an origin is reused; default 60 s. */
  cacheMs?: number;
}

interface CachedRoute {
  route: Promise<ProxyRoute>;
  at: number;
}

const DEFAULT_CACHE_MS = 60_000;

function unstartedController(reason: Error): Dispatcher.DispatchController {
  return { aborted: true, paused: false, reason, abort: () => undefined, pause: () => undefined, resume: () => undefined };
}

export class RoutingDispatcher extends Dispatcher {
  readonly #options: RoutingOptions;
  readonly #routes = new Map<string, CachedRoute>();
  readonly #dispatchers = new Map<string, Dispatcher>();
  readonly #problems = new Map<string, NetworkProblem>();
  #closed = false;

  constructor(options: RoutingOptions) {
    super();
    this.#options = options;
  }

  /** The route calls to this URL's origin take now (asks the system if not cached). */
  routeFor(url: string): Promise<ProxyRoute> {
    const origin = new URL(url).origin;
    const now = this.#options.clock.now();
    const cached = this.#routes.get(origin);
    if (cached !== undefined && now - cached.at < (this.#options.cacheMs ?? DEFAULT_CACHE_MS)) return cached.route;
    const route = this.#resolve(origin);
    this.#routes.set(origin, { route, at: now });
    return route;
  }

  /** The last connection problem a person can act on for this origin, until a call succeeds. */
  problemFor(url: string): NetworkProblem | null {
    return this.#problems.get(new URL(url).origin) ?? null;
  }

  /** The network may have changed (resume, a new Wi-Fi): ask the system again next time. */
  forgetRoutes(): void {
    this.#routes.clear();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = String(options.origin);
    const watched = this.#watch(origin, handler);
    this.routeFor(origin).then(
      (route) => {
        if (this.#closed) throw new Error('the network dispatcher is closed');
        this.#dispatcherFor(route).dispatch(options, watched);
      },
    ).catch((error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      // The request never started: legacy handlers hear onError, newer ones onResponseError.
      if (typeof watched.onError === 'function') watched.onError(failure);
      else watched.onResponseError?.(unstartedController(failure), failure);
    });
    return true;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    const done = Promise.all([...this.#dispatchers.values()].map((dispatcher) => dispatcher.close())).then(() => undefined);
    if (callback === undefined) return done;
    void done.then(callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(errOrCallback?: Error | null | (() => void), callback?: () => void): Promise<void> | void {
    this.#closed = true;
    const err = typeof errOrCallback === 'function' ? null : (errOrCallback ?? null);
    const done = Promise.all([...this.#dispatchers.values()].map((dispatcher) => dispatcher.destroy(err))).then(() => undefined);
    const cb = typeof errOrCallback === 'function' ? errOrCallback : callback;
    if (cb === undefined) return done;
    void done.then(cb);
  }

  async #resolve(origin: string): Promise<ProxyRoute> {
    try {
      const answer = await this.#options.resolveProxy(origin);
      const { route, skipped } = parseProxyAnswer(answer);
      if (skipped.length > 0) this.#options.logger.warn('network: proxy entries this app cannot use were skipped', { skipped });
      return route;
    } catch (error) {
      this.#options.logger.warn('network: the system proxy settings could not be read; connecting directly', { error: String(error) });
      return { kind: 'direct' };
    }
  }

  #dispatcherFor(route: ProxyRoute): Dispatcher {
    const key = route.kind === 'direct' ? 'direct' : proxyUrl(route);
    let dispatcher = this.#dispatchers.get(key);
    if (dispatcher === undefined) {
      const { ca, timeoutMs } = this.#options;
      const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
      dispatcher =
        route.kind === 'direct'
          ? new Agent({ ...timeouts, connect: { ca, timeout: timeoutMs } })
          : new ProxyAgent({ uri: key, ...timeouts, requestTls: { ca, timeout: timeoutMs }, proxyTls: { ca, timeout: timeoutMs } });
      this.#dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  // Sees each call's outcome on the way through, so a problem a person can fix is known to
  // the gateways even where an SDK keeps only "fetch failed" of the error.
  #watch(origin: string, handler: Dispatcher.DispatchHandler): Dispatcher.DispatchHandler {
    const failed = (error: Error): void => {
      const problem = networkProblem(error);
      if (problem !== null) this.#problems.set(origin, problem);
      // The route may be why it failed: ask the system again on the next call.
      this.#routes.delete(origin);
    };
    const answered = (): void => {
      this.#problems.delete(origin);
    };
    return new Proxy(handler, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (property === 'onError') return (error: Error) => (failed(error), method.call(target, error));
        if (property === 'onResponseError') return (controller: unknown, error: Error) => (failed(error), method.call(target, controller, error));
        if (property === 'onHeaders' || property === 'onResponseStart') return (...args: unknown[]) => (answered(), method.apply(target, args));
        return method.bind(target);
      },
    });
  }
}

/** How the app's calls reach the network: the system's answers and where its CAs come from. */
export interface NetworkSettings {
  resolveProxy: ProxyResolver;
  caSources: CaSources;
  /** Called with a listener the host invokes when the network may have changed (resume). */
  onChange?: (listener: () => void) => void;
}

/** What the gateways are given: a dispatcher that can also say why a connection failed. */
export type RoutedNetwork = Dispatcher & Pick<RoutingDispatcher, 'problemFor'>;

export function createRoutingDispatcher(settings: NetworkSettings, options: { timeoutMs: number; logger: Logger; clock?: Clock }): RoutingDispatcher {
  const trusted = trustedCertificates(settings.caSources);
  options.logger.info('network: trusting the bundled and the system certificate authorities', { systemCount: trusted.systemCount });
  const dispatcher = new RoutingDispatcher({
    resolveProxy: settings.resolveProxy,
    ca: trusted.certificates,
    timeoutMs: options.timeoutMs,
    clock: options.clock ?? { now: () => Date.now() },
    logger: options.logger,
  });
  settings.onChange?.(() => dispatcher.forgetRoutes());
  return dispatcher;
}
