// The one way any program here builds a Stytch SDK client: the app's direct mode, the relay,
// and tests or benchmarks that act as another installation.
// Rule: the secret goes into the SDK client and nowhere else; nothing here logs it.
import { Client } from 'stytch';
import type { Dispatcher } from 'undici';
import type { Logger } from '../ports';

type SdkDispatcher = NonNullable<ConstructorParameters<typeof Client>[0]['dispatcher']>;

export interface StytchClientOptions {
  projectId: string;
  secret: string;
  /** A Stytch-compatible origin without trailing slash (the emulator); undefined → Stytch itself (test or live, from the project ID). */
  apiUrl: string | undefined;
  /** Carries the caller's hard timeouts; the SDK's own `timeout` is ignored by fetch. */
  dispatcher?: Dispatcher;
  /** Told at debug level that a custom API URL is in use; without one, that notice is dropped. */
  logger?: Logger;
}

export function createStytchClient(options: StytchClientOptions): Client {
  // The SDK warns on every construction with a custom env (it would have us use
  // custom_base_url, which refuses plain http and so the emulator). That is expected here, so
  // the warning goes to the debug log; any other warning passes through.
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.startsWith('[Stytch] Warning')) options.logger?.debug('stytch sdk: custom API URL in use', { apiUrl: options.apiUrl });
    else original(...args);
  };
  try {
    return new Client({
      project_id: options.projectId,
      secret: options.secret,
      ...(options.apiUrl ? { env: `${options.apiUrl}/` } : {}),
      // The SDK's types name undici 6's Dispatcher, but it only hands the object to the
      // global fetch, which is Node 24's bundled undici 7: the pinned undici 7 Agent is the
      // one that fits at run time.
      ...(options.dispatcher ? { dispatcher: options.dispatcher as unknown as SdkDispatcher } : {}),
    });
  } finally {
    console.warn = original;
  }
}
