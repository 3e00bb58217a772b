// The gateway contract against the SDK gateway (direct mode) on a real emulator on loopback.
import { startEmulator } from '../../../emulator/index';
import { createSdkGateway } from '../../../main/auth/sdk-gateway';
import { createLogger } from '../../../common/log/logger';
import { describeGatewayContract } from './gateway-contract';

describeGatewayContract('SDK gateway on the emulator', async () => {
  const emulator = await startEmulator({ port: 0 });
  const gateway = createSdkGateway({
    projectId: emulator.projectId,
    secret: emulator.secret,
    baseUrl: emulator.url,
    timeoutMs: 5000,
    logger: createLogger(() => undefined),
  });
  return {
    gateway,
    latestToken: (email) => emulator.latestMessage(email)?.token,
    advanceClock: (seconds) => emulator.advanceClock(seconds),
    relay: false,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
});
