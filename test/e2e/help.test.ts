import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/views/blocks.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

describe('/winwin help', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const expectGrammar = (reply: { text: string; blocks: unknown[] }): void => {
    const text = textOf(reply);
    for (const command of [
      'status',
      'pledge',
      'set',
      'program new',
      'program edit',
      'capacity',
      'history',
      'whoami',
    ]) {
      expect(text).toContain(`/winwin ${command}`);
    }
    expect(text).toContain('kind:corporation');
    expect(text).toContain('"1조 2,630억"');
    // <target> is escaped, so Slack cannot read it as a link.
    expect(text).toContain('&lt;target&gt;');
    expect(text).not.toMatch(/<target>/);
  };

  it('`/winwin` with no text shows the grammar, ephemerally, with a fallback text', async () => {
    const reply = await h.command('/winwin', { user: USERS.viewer });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Winwin');
    expect(reply.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expectGrammar(reply);
  });

  it('`/winwin help` shows the same grammar', async () => {
    const reply = await h.command('/winwin help', { user: USERS.viewer });
    expectGrammar(reply);
    expect(textOf(reply)).not.toContain(':warning:');
  });

  it('an unknown subcommand gets help with the error on top', async () => {
    const reply = await h.command('/winwin frobnicate retail', { user: USERS.editor });
    const first = textOf(reply.blocks[0]);
    expect(first).toContain(':warning:');
    expect(first).toContain('frobnicate');
    expect(reply.text).toContain('Unknown subcommand "frobnicate"');
    expectGrammar(reply);
  });

  it('an unknown subcommand is echoed escaped, so it cannot ping anyone', async () => {
    const reply = await h.command('/winwin <!channel>', { user: USERS.editor });
    const all = JSON.stringify(reply.blocks);
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;!channel&gt;');
  });

  it('an unterminated quote is reported with help', async () => {
    const reply = await h.command('/winwin whoami "open', { user: USERS.editor });
    expect(textOf(reply.blocks[0])).toContain('never closed');
  });

  it('subcommand names are case-insensitive', async () => {
    const reply = await h.command('/winwin WHOAMI', { user: USERS.viewer });
    expect(textOf(reply)).toContain(USERS.viewer);
  });

  it('answers without calling the Web API (the ack carries the reply)', async () => {
    // The first request of a user looks up their team (users.info, cached); see strangers.test.ts.
    await h.command('/winwin whoami');
    const before = h.fake.seq();
    await h.command('/winwin help');
    expect(h.fake.seq()).toBe(before);
  });
});

describe('/winwin help in Korean', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ locale: 'ko' });
  });
  afterAll(() => h.close());

  it('renders the grammar in Korean', async () => {
    const reply = await h.command('/winwin help');
    const text = textOf(reply);
    expect(text).toContain('상생금융');
    expect(text).toContain('작성 방법');
    expect(text).toContain('/winwin status');
    expect(text).not.toContain('How to write it');
  });

  it('reports an unknown subcommand in Korean', async () => {
    const reply = await h.command('/winwin 현황판');
    expect(textOf(reply.blocks[0])).toContain('알 수 없는 명령');
  });
});

describe('help when nobody is admin', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ admins: [], editors: [USERS.editor] });
  });
  afterAll(() => h.close());

  it('says how to configure WINWIN_ADMINS', async () => {
    const reply = await h.command('/winwin help', { user: USERS.editor });
    expect(textOf(reply)).toContain('WINWIN_ADMINS');
  });
});
