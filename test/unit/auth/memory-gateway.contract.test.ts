// The gateway contract against the in-memory gateway the state-machine tests use: the same
// suite the SDK gateway passes on the emulator and the relay gateway passes through a relay.
import { createMemoryGateway } from '../../fixtures/memory-gateway';
import { describeGatewayContract } from '../../integration/gateway/gateway-contract';

describeGatewayContract('in-memory gateway', () => {
  const gateway = createMemoryGateway();
  return Promise.resolve({
    gateway,
    latestToken: (email: string) => gateway.latestToken(email),
    advanceClock: (seconds: number) => gateway.advanceClock(seconds),
    relay: false,
    close: () => gateway.close(),
  });
});
