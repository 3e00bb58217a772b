// The emulator's "sent mail". The rule: newest first, at most `limit` messages (the oldest is
// dropped to make room), and a version number that changes on every mutation so the inbox
// page can poll cheaply.
import { OldestFirst } from './oldest-first';
import type { OutboxMessage } from './types';

export class Outbox {
  /** By id, oldest first: Map order makes dropping the oldest O(1). */
  private readonly messages = new Map<string, OutboxMessage>();
  private readonly oldest = new OldestFirst(this.messages);
  private revision = 0;

  constructor(readonly limit: number) {}

  add(message: OutboxMessage): void {
    this.messages.set(message.id, message);
    if (this.messages.size > this.limit) {
      const oldest = this.oldest.take();
      if (oldest !== undefined) this.messages.delete(oldest);
    }
    this.revision += 1;
  }

  list(email?: string): OutboxMessage[] {
    const newestFirst = [...this.messages.values()].reverse();
    if (email === undefined || email === '') return newestFirst;
    const wanted = email.toLowerCase();
    return newestFirst.filter((m) => m.to.toLowerCase() === wanted);
  }

  find(id: string): OutboxMessage | undefined {
    return this.messages.get(id);
  }

  get size(): number {
    return this.messages.size;
  }

  clear(): void {
    this.messages.clear();
    this.oldest.reset();
    this.revision += 1;
  }

  get version(): number {
    return this.revision;
  }
}
