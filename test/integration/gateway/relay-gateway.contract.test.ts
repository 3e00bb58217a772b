// The gateway contract against the relay gateway (relay mode): a real relay on loopback in
// front of a real emulator.
import { createLogger } from '../../../common/log/logger';
import { createRelayGateway } from '../../../main/relay/relay-gateway';
import { startRelayRig } from '../relay/harness';
import { describeGatewayContract } from './gateway-contract';

describeGatewayContract('relay gateway through a relay', async () => {
  const rig = await startRelayRig({ invitesEnabled: true, inviteExpirationMinutes: 60 });
  const gateway = createRelayGateway({
    relayUrl: rig.relay.url,
    timeoutMs: 5000,
    logger: createLogger(() => undefined),
    projectId: rig.emulator.projectId,
  });
  return {
    gateway,
    latestToken: (email) => rig.emulator.latestMessage(email)?.token,
    advanceClock: (seconds) => rig.emulator.advanceClock(seconds),
    relay: true,
    async close() {
      await gateway.close();
      await rig.close();
    },
  };
});
