import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

describe('/winwin whoami', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it.each([
    [USERS.admin, 'admin'],
    [USERS.editor, 'editor'],
    [USERS.viewer, 'viewer'],
  ])('%s is %s', async (user, role) => {
    const reply = await h.command('/winwin whoami', { user });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain(user);
    expect(reply.text).toContain(role);
    expect(textOf(reply)).toContain(`\`${role}\``);
    expect(textOf(reply)).not.toContain('WINWIN_ADMINS');
  });

  it('an in-app grant counts', async () => {
    const state = h.state();
    await h.store.replaceAll(
      {
        ...state,
        grants: [
          { user: USERS.viewer, role: 'editor', grantedBy: USERS.admin, at: new Date().toISOString() },
        ],
      },
      [],
    );
    const reply = await h.command('/winwin whoami', { user: USERS.viewer });
    expect(textOf(reply)).toContain('`editor`');
  });
});

describe('/winwin whoami with no admin configured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ admins: [], editors: [USERS.editor], locale: 'ko' });
  });
  afterAll(() => h.close());

  it('fails closed: an env editor is a viewer, and is told how to configure an admin', async () => {
    const reply = await h.command('/winwin whoami', { user: USERS.editor });
    const text = textOf(reply);
    expect(text).toContain('`viewer`');
    expect(text).toContain('WINWIN_ADMINS');
    expect(text).toContain('열람자');
  });
});
