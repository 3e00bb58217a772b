// What sending a link (or an invite) to an address costs. Each mailbox has a budget per
// client network and a larger one overall: a stranger on one network spends only the share
// that network gets, so the owner, asking from their own network, still has theirs. Only a
// sender spread over many networks reaches the overall ceiling, and that is logged.
// Rule: budgets are counted under the normalised mailbox (client-network.ts); Stytch gets the
// address as typed.
import { createHash } from 'node:crypto';
import type { Logger } from '../common/ports';
import { normalisedEmail } from './client-network';
import type { Refusal, RelayLimits } from './limits';

export interface SendBudget {
  /** Spends one send now (anonymous sends: before Stytch is asked). */
  charge(email: string, network: string, requestId: string): Promise<Refusal | undefined>;
  /** Whether one more send would be allowed, spending nothing (invites: before Stytch). */
  check(email: string, network: string): Promise<Refusal | undefined>;
}

/** Lets operators correlate refusals for one mailbox without writing the address to the log. */
export function mailboxTag(mailbox: string): string {
  return createHash('sha256').update(mailbox).digest('hex').slice(0, 16);
}

export function createSendBudget(limits: Pick<RelayLimits, 'email' | 'email_overall'>, logger: Logger): SendBudget {
  const keys = (email: string, network: string) => {
    const mailbox = normalisedEmail(email);
    return { mailbox, local: `${mailbox}|${network}` };
  };
  return {
    async charge(email, network, requestId) {
      const { mailbox, local } = keys(email, network);
      // The network's share first: a refused stranger never reaches the overall count.
      const byNetwork = await limits.email.consume(local);
      if (byNetwork) return byNetwork;
      const overall = await limits.email_overall.consume(mailbox);
      if (overall?.kind === 'limited') {
        logger.warn('overall ceiling for one mailbox reached: sends are arriving from many networks', {
          request_id: requestId,
          mailbox_tag: mailboxTag(mailbox),
        });
      }
      return overall;
    },
    async check(email, network) {
      const { mailbox, local } = keys(email, network);
      return (await limits.email.check(local)) ?? (await limits.email_overall.check(mailbox));
    },
  };
}
