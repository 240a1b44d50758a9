import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as registry from '../../src/commands/registry.js';
import type { ActionListener, Subcommand, ViewListener } from '../../src/shell/deps.js';
import { message } from '../../src/views/blocks.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

const sub = (name: string, run: Subcommand['run'], options?: string[]): Subcommand => ({
  name,
  usage: { en: `/winwin ${name}`, ko: `/winwin ${name}` },
  summary: { en: 'test', ko: 'test' },
  ...(options === undefined ? {} : { options }),
  run,
});

const seen: { args?: readonly string[]; options?: Record<string, string>; role?: string } = {};

const subcommands: Subcommand[] = [
  ...registry.subcommands,
  sub('boom', async () => {
    throw new Error('kaboom with Confidential Corp in it');
  }),
  sub('late-boom', async (ctx) => {
    await ctx.ack();
    throw new Error('after ack');
  }),
  sub(
    'echo',
    async (ctx) => {
      seen.args = ctx.args;
      seen.options = { ...ctx.options };
      seen.role = ctx.role;
      await ctx.reply(message(`args=${ctx.args.length}`));
    },
    ['kind'],
  ),
  sub('silent', async () => {}),
  sub('edit', async (ctx) => {
    if (!(await ctx.require('editor'))) return;
    await ctx.reply(message('allowed'));
  }),
  sub('share', async (ctx) => {
    await ctx.ack();
    await ctx.respond(message('for everyone'), { inChannel: true });
  }),
];

const views: ViewListener[] = [
  {
    callbackId: 'pledge',
    run: async () => {
      throw new Error('view failed');
    },
  },
];

const actions: ActionListener[] = [
  {
    actionId: /^explode/,
    run: async () => {
      throw new Error('action failed');
    },
  },
];

describe('the shell never leaves a user in silence', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ listeners: { ...registry, subcommands, views, actions } });
  });
  afterAll(() => h.close());

  it('a subcommand that throws before acking answers with an apology in the ack', async () => {
    const reply = await h.command('/winwin boom', { user: USERS.editor });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Something went wrong');
    expect(h.logs.join('\n')).toContain('/winwin boom failed for UEDITOR01');
  });

  it('a subcommand that throws after acking tells the user through response_url', async () => {
    const reply = await h.command('/winwin late-boom', { responseId: 'late' });
    expect(reply).toBeUndefined();
    const [posted] = await h.fake.waitFor(() =>
      h.fake.responses('late').length > 0 ? h.fake.responses('late') : undefined,
    );
    expect(posted?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(String(posted?.args.text)).toContain('Something went wrong');
  });

  it('passes args and only declared options, quotes removed and Slack entities decoded', async () => {
    await h.command('/winwin echo "A &amp; B" kind:bank note:x', { user: USERS.viewer });
    expect(seen).toEqual({ args: ['A & B', 'note:x'], options: { kind: 'bank' }, role: 'viewer' });
  });

  it('acks with nothing when a handler forgets to', async () => {
    const res = await h.commandRaw('/winwin silent');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('ctx.require refuses a viewer with a clear message and lets an editor through', async () => {
    expect((await h.command('/winwin edit', { user: USERS.viewer })).text).toContain(
      'Only editors and admins',
    );
    expect((await h.command('/winwin edit', { user: USERS.editor })).text).toBe('allowed');
    expect((await h.command('/winwin edit', { user: USERS.admin })).text).toBe('allowed');
  });

  it('respond({ inChannel }) posts an in_channel reply', async () => {
    await h.command('/winwin share', { responseId: 'share' });
    const posted = await h.fake.waitFor(() => h.fake.responses('share')[0]);
    expect(posted.args).toMatchObject({ response_type: 'in_channel', text: 'for everyone' });
  });

  it('a modal handler that throws pushes an error view, so the form underneath keeps its input', async () => {
    const reply = await h.submitView('pledge', { amount: '630억' }, { user: USERS.editor });
    expect(reply.response_action).toBe('push');
    expect(textOf(reply.view)).toContain('Something went wrong');
  });

  it('an unknown callback_id gets a clean "out of date" view and changes nothing', async () => {
    const before = await h.storeBytes();
    const reply = await h.submitView('no-such-modal', { x: 'y' });
    expect(reply.response_action).toBe('update');
    expect(textOf(reply.view)).toContain('out of date');
    expect(await h.storeBytes()).toBe(before);
  });

  it('an action that throws is acknowledged and the user is told in the message thread', async () => {
    const after = h.fake.seq();
    const res = await h.clickAction({ actionId: 'explode-1', value: 'P1' });
    expect(res).toBeUndefined();
    const posted = await h.fake.waitForCall('response_url', undefined, { afterSeq: after });
    expect(posted.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('an action from App Home that throws is reported by DM', async () => {
    const after = h.fake.seq();
    await h.clickAction({
      actionId: 'explode-home',
      user: USERS.viewer,
      container: { type: 'view', viewId: 'VHOME' },
    });
    const dm = await h.fake.waitForCall('chat.postMessage', undefined, { afterSeq: after });
    expect(dm.args.channel).toBe(USERS.viewer);
  });

  it('an unknown action_id (a button from an old message) is acknowledged with a note', async () => {
    const after = h.fake.seq();
    await h.clickAction({ actionId: 'retired_button' });
    const posted = await h.fake.waitForCall('response_url', undefined, { afterSeq: after });
    expect(String(posted.args.text)).toContain('out of date');
  });
});
