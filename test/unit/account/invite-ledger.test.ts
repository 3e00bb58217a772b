import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInviteLedger, INVITES_KEY } from '../../../main/account/invite-ledger';
import { createLogger } from '../../../common/log/logger';
import { createConfStore } from '../../fixtures/conf-store';

const NOW = Date.parse('2026-02-01T00:00:00.000Z');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function ledgerOnDisk() {
  const dir = mkdtempSync(join(tmpdir(), 'grimoire-invites-'));
  dirs.push(dir);
  const store = createConfStore(dir);
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`));
  return { store, lines, ledger: createInviteLedger({ store, logger }), reopen: () => createInviteLedger({ store: createConfStore(dir), logger }) };
}

describe('invite ledger', () => {
  it('keeps invites per inviter, newest first, replacing a re-invite of the same email', () => {
    const { ledger, reopen } = ledgerOnDisk();
    ledger.add({ invitedBy: 'user-a', email: 'one@example.com', name: null, sentAt: '2026-01-01T00:00:00.000Z' });
    ledger.add({ invitedBy: 'user-a', email: 'two@example.com', name: 'Two', sentAt: '2026-01-02T00:00:00.000Z' });
    ledger.add({ invitedBy: 'user-b', email: 'one@example.com', name: null, sentAt: '2026-01-03T00:00:00.000Z' });
    ledger.add({ invitedBy: 'user-a', email: 'ONE@example.com', name: 'One', sentAt: '2026-01-04T00:00:00.000Z' });
    expect(reopen().list('user-a', NOW).map((record) => [record.email, record.name])).toEqual([
      ['ONE@example.com', 'One'],
      ['two@example.com', 'Two'],
    ]);
    ledger.remove('user-a', ' one@EXAMPLE.com');
    expect(ledger.list('user-a', NOW).map((record) => record.email)).toEqual(['two@example.com']);
    expect(ledger.list('user-b', NOW).map((record) => record.email)).toEqual(['one@example.com']);
  });

  it('drops an invite once its link has expired, and keeps records written without an expiry', () => {
    const { ledger, reopen } = ledgerOnDisk();
    ledger.add({ invitedBy: 'user-a', email: 'old@example.com', name: null, sentAt: '2026-01-01T00:00:00.000Z' });
    ledger.add({
      invitedBy: 'user-a',
      email: 'week@example.com',
      name: null,
      sentAt: '2026-01-30T00:00:00.000Z',
      expiresAt: '2026-02-06T00:00:00.000Z',
    });
    expect(reopen().list('user-a', NOW).map((record) => record.email)).toEqual(['week@example.com', 'old@example.com']);
    const weekLater = Date.parse('2026-02-06T00:00:00.000Z');
    expect(reopen().list('user-a', weekLater).map((record) => record.email)).toEqual(['old@example.com']);
  });

  it('starts afresh from a damaged record and says so in the log', () => {
    const { store, ledger, lines } = ledgerOnDisk();
    store.set(INVITES_KEY, [{ email: 5 }]);
    expect(ledger.list('user-a', NOW)).toEqual([]);
    expect(lines.join('\n')).toMatch(/pending invites record was unreadable/);
    ledger.add({ invitedBy: 'user-a', email: 'new@example.com', name: null, sentAt: '2026-01-01T00:00:00.000Z' });
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({ [INVITES_KEY]: [{ email: 'new@example.com' }] });
  });
});
