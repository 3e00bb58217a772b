// The emulator's "sent mail". The rule: newest first, and a version number that changes on
// every mutation so the inbox page can poll cheaply.
import type { OutboxMessage } from './types';

export class Outbox {
  private messages: OutboxMessage[] = [];
  private revision = 0;

  add(message: OutboxMessage): void {
    this.messages.unshift(message);
    this.revision += 1;
  }

  list(email?: string): OutboxMessage[] {
    if (email === undefined || email === '') return [...this.messages];
    const wanted = email.toLowerCase();
    return this.messages.filter((m) => m.to.toLowerCase() === wanted);
  }

  find(id: string): OutboxMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  clear(): void {
    this.messages = [];
    this.revision += 1;
  }

  get version(): number {
    return this.revision;
  }
}
