import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUserMention } from '../../src/shell/mention.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

const OTHER = 'UOTHER001';

describe('parseUserMention', () => {
  it.each([
    ['<@U0123ABCD>', 'U0123ABCD', ''],
    ['<@U0123ABCD|minji>', 'U0123ABCD', ''],
    ['<@U0123ABCD|Kim Minji> editor', 'U0123ABCD', 'editor'],
    ['U0123ABCD admin', 'U0123ABCD', 'admin'],
    ['@W0123ABCD', 'W0123ABCD', ''],
  ])('%s names %s', (text, user, rest) => {
    expect(parseUserMention(text)).toEqual({ user, rest });
  });

  it.each(['<!channel>', '<#C0123|general>', 'bob', '<@u0123abcd>', '<https://evil|click>', '', '<@>'])(
    '%s names nobody',
    (text) => {
      expect(parseUserMention(text)).toBeUndefined();
    },
  );
});

describe('/winwin access', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  it('lists env admins and editors to anyone, mentioning them', async () => {
    const reply = await h.command('/winwin access', { user: USERS.viewer });
    expect(reply.response_type).toBe('ephemeral');
    const text = textOf(reply);
    expect(text).toContain(`<@${USERS.admin}>`);
    expect(text).toContain(`<@${USERS.editor}>`);
    expect(text).toContain('WINWIN_ADMINS');
    expect(text).not.toContain('access grant'); // the grammar is shown to admins only
  });

  it('an admin grants editor with a Slack mention; it is an audit event and shows in the list', async () => {
    const last = h.store.lastEventId();
    const next = h.state().nextEvent;
    const reply = await h.command(`/winwin access grant <@${USERS.viewer}|viewer> editor`);
    expect(textOf(reply)).toContain(`<@${USERS.viewer}>`);
    expect(textOf(reply)).toContain(`(E${next})`);
    expect(h.state().grants).toContainEqual(expect.objectContaining({ user: USERS.viewer, role: 'editor' }));
    const [event] = await h.store.eventsSince(last);
    expect(event).toMatchObject({
      type: 'access.granted',
      target: USERS.viewer,
      actor: USERS.admin,
      after: { role: 'editor' },
    });
    expect((await h.command('/winwin whoami', { user: USERS.viewer })).text).toContain('editor');
    const list = textOf(await h.command('/winwin access', { user: USERS.admin }));
    expect(list).toContain(`<@${USERS.viewer}>`);
    expect(list).toContain('granted by');
    expect(list).toContain('access grant');
  });

  it('the same grant again changes nothing and records nothing', async () => {
    const before = await h.storeBytes();
    const reply = await h.command(`/winwin access grant ${USERS.viewer} editor`);
    expect(textOf(reply)).toContain('already');
    expect(await h.storeBytes()).toBe(before);
  });

  it('a bare id and a plain mention work; admin can be granted', async () => {
    const reply = await h.command(`/winwin access grant <@${OTHER}> admin`);
    expect(textOf(reply)).toContain(':white_check_mark:');
    expect(h.state().grants).toContainEqual(expect.objectContaining({ user: OTHER, role: 'admin' }));
    // A granted admin can grant and revoke too.
    const revoke = await h.command(`/winwin access revoke ${USERS.viewer}`, { user: OTHER });
    expect(textOf(revoke)).toContain('no longer');
    expect(h.state().grants.map((g) => g.user)).not.toContain(USERS.viewer);
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({ type: 'access.revoked', target: USERS.viewer, actor: OTHER });
  });

  it('an editor or a viewer cannot grant or revoke; the file is unchanged', async () => {
    for (const user of [USERS.editor, USERS.viewer]) {
      for (const line of [`/winwin access grant <@${user}> admin`, `/winwin access revoke <@${OTHER}>`]) {
        const before = await h.storeBytes();
        const reply = await h.command(line, { user });
        expect(reply.response_type).toBe('ephemeral');
        expect(textOf(reply)).toContain('Only admins');
        expect(await h.storeBytes()).toBe(before);
      }
    }
  });

  it('env admins cannot be revoked or granted in-app', async () => {
    const before = await h.storeBytes();
    expect(textOf(await h.command(`/winwin access revoke <@${USERS.admin}>`, { user: OTHER }))).toContain(
      'WINWIN_ADMINS',
    );
    expect(
      textOf(await h.command(`/winwin access grant <@${USERS.admin}> editor`, { user: OTHER })),
    ).toContain('WINWIN_ADMINS');
    expect(await h.storeBytes()).toBe(before);
  });

  it('revoking an env editor or someone without a grant says why, changes nothing', async () => {
    const before = await h.storeBytes();
    expect(textOf(await h.command(`/winwin access revoke ${USERS.editor}`))).toContain('WINWIN_EDITORS');
    expect(textOf(await h.command('/winwin access revoke U0NOBODY1'))).toContain('nothing to revoke');
    expect(await h.storeBytes()).toBe(before);
  });

  it.each([
    ['/winwin access grant', 'Write `/winwin access'],
    ['/winwin access grant <@UVIEWER01>', 'Write `/winwin access'],
    ['/winwin access grant <@UVIEWER01> owner', 'not a role'],
    ['/winwin access grant <!channel> admin', 'not a Slack user'],
    ['/winwin access revoke <@UVIEWER01> now', 'Write `/winwin access'],
    ['/winwin access frob', 'Write `/winwin access'],
  ])('%s is answered with guidance and stores nothing', async (line, expected) => {
    const before = await h.storeBytes();
    const reply = await h.command(line);
    expect(textOf(reply)).toContain(expected);
    expect(JSON.stringify(reply)).not.toContain('<!channel>');
    expect(await h.storeBytes()).toBe(before);
  });
});

describe('/winwin access with no admin configured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ admins: [], editors: [USERS.editor] });
  });
  afterAll(() => h.close());

  it('refuses every grant and says how to configure WINWIN_ADMINS', async () => {
    const before = await h.storeBytes();
    for (const user of [USERS.admin, USERS.editor, USERS.viewer]) {
      const reply = await h.command(`/winwin access grant <@${user}> admin`, { user });
      expect(textOf(reply)).toContain('WINWIN_ADMINS=');
    }
    expect(await h.storeBytes()).toBe(before);
    expect(h.state().grants).toEqual([]);
  });

  it('help and whoami say how to configure an admin', async () => {
    expect(textOf(await h.command('/winwin help', { user: USERS.viewer }))).toContain('WINWIN_ADMINS=');
    expect(textOf(await h.command('/winwin whoami', { user: USERS.viewer }))).toContain('WINWIN_ADMINS=');
    expect(textOf(await h.command('/winwin access', { user: USERS.viewer }))).toContain('WINWIN_ADMINS=');
  });
});
