import { describe, expect, it } from 'vitest';
import { systemNetwork, type ProxySessionLike } from '../../../main/electron/proxy-resolver';

class FakeSession implements ProxySessionLike {
  readonly asked: string[] = [];
  constructor(private readonly answer: string) {}
  resolveProxy(url: string): Promise<string> {
    this.asked.push(url);
    return Promise.resolve(this.answer);
  }
}

describe('systemNetwork', () => {
  it("answers with the session's own proxy decision for each URL", async () => {
    const session = new FakeSession('PROXY proxy.corp.example:3128; DIRECT');
    const { settings } = systemNetwork(session);
    expect(await settings.resolveProxy('https://api.stytch.com')).toBe('PROXY proxy.corp.example:3128; DIRECT');
    expect(session.asked).toEqual(['https://api.stytch.com']);
  });

  it('tells every listener when the network may have changed', () => {
    const network = systemNetwork(new FakeSession('DIRECT'));
    const heard: number[] = [];
    network.settings.onChange?.(() => heard.push(1));
    network.settings.onChange?.(() => heard.push(2));
    network.changed();
    expect(heard).toEqual([1, 2]);
  });

  it("trusts Node's roots and reads the OS store without throwing", () => {
    const { caSources } = systemNetwork(new FakeSession('DIRECT')).settings;
    expect(caSources.defaults().length).toBeGreaterThan(50);
    expect(Array.isArray(caSources.system())).toBe(true);
  });
});
