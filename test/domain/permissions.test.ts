import { describe, expect, test } from 'vitest';
import {
  ACTIONS,
  type Action,
  can,
  contributorVisible,
  type EnvRoles,
  eventContributorHidden,
  grantRole,
  revokeRole,
  roleOf,
} from '../../src/domain/permissions.js';
import { emptyState, type Grant, ROLES, type Role, StateSchema } from '../../src/domain/types.js';
import { changed, ctx, deepFreeze, english, errorOf } from './fixtures.js';

const env: EnvRoles = { admins: ['U0ADMIN'], editors: ['U0EDITOR'] };
const grant = (user: string, role: 'admin' | 'editor'): Grant => ({
  user,
  role,
  grantedBy: 'U0ADMIN',
  at: '2025-12-01T00:00:00.000Z',
});

describe('roleOf', () => {
  test.each([
    ['U0ADMIN', [], 'admin'],
    ['U0EDITOR', [], 'editor'],
    ['U0OTHER', [], 'viewer'],
    ['U0OTHER', [grant('U0OTHER', 'editor')], 'editor'],
    ['U0OTHER', [grant('U0OTHER', 'admin')], 'admin'],
    ['U0EDITOR', [grant('U0EDITOR', 'admin')], 'admin'],
    ['U0ADMIN', [grant('U0ADMIN', 'editor')], 'admin'],
    ['', [], 'viewer'],
  ] as [string, Grant[], Role][])('%s with grants %j is %s', (user, grants, role) => {
    expect(roleOf(user, env, grants)).toBe(role);
  });

  test('fails closed: with no admin configured nobody holds a role, grants and editors included', () => {
    const none: EnvRoles = { admins: [' ', ''], editors: ['U0EDITOR'] };
    expect(roleOf('U0EDITOR', none, [])).toBe('viewer');
    expect(roleOf('U0OTHER', none, [grant('U0OTHER', 'admin')])).toBe('viewer');
  });

  test('ids are matched exactly, not by prefix or case', () => {
    expect(roleOf('U0ADMI', env, [])).toBe('viewer');
    expect(roleOf('u0admin', env, [])).toBe('viewer');
  });
});

describe('can', () => {
  const matrix: Record<Role, readonly Action[]> = {
    viewer: ['view.status', 'view.history', 'access.list'],
    editor: [
      'view.status',
      'view.history',
      'access.list',
      'view.contributorNames',
      'pledge.record',
      'pledge.status',
      'pledge.correct',
      'program.create',
      'program.edit',
      'program.status',
      'subscribe',
      'export',
      'guarantee.record',
      'guarantee.status',
      'guarantee.import',
    ],
    admin: ACTIONS,
  };
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = matrix[role].includes(action);
      test(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(role, action)).toBe(allowed);
      });
    }
  }
});

describe('contributorVisible', () => {
  test('signed names are public; unsigned ones only for editors, admins and names channels', () => {
    expect(contributorVisible({ signed: true }, { role: 'viewer' })).toBe(true);
    expect(contributorVisible({ signed: false }, { role: 'viewer' })).toBe(false);
    expect(contributorVisible({ signed: false }, { role: 'viewer', channelNames: false })).toBe(false);
    expect(contributorVisible({ signed: false }, { role: 'viewer', channelNames: true })).toBe(true);
    expect(contributorVisible({ signed: false }, { role: 'editor' })).toBe(true);
    expect(contributorVisible({ signed: false }, { role: 'admin' })).toBe(true);
  });

  test('history events of unsigned pledges hide the name from viewers', () => {
    const pledges = [
      { id: 'P1', signed: false },
      { id: 'P2', signed: true },
    ];
    const viewer = { role: 'viewer' as const };
    expect(eventContributorHidden({ type: 'pledge.recorded', target: 'P1' }, pledges, viewer)).toBe(true);
    expect(eventContributorHidden({ type: 'pledge.recorded', target: 'P2' }, pledges, viewer)).toBe(false);
    expect(eventContributorHidden({ type: 'pledge.status', target: 'P404' }, pledges, viewer)).toBe(true);
    expect(
      eventContributorHidden({ type: 'pledge.recorded', target: 'P1' }, pledges, { role: 'editor' }),
    ).toBe(false);
    expect(eventContributorHidden({ type: 'program.created', target: 'autos-hl' }, pledges, viewer)).toBe(
      false,
    );
  });
});

describe('grants', () => {
  test('grantRole adds a grant and an access.granted event; regranting replaces it', () => {
    const first = changed(
      grantRole(deepFreeze(emptyState()), ' U0NEW ', 'editor', { ...ctx, actor: 'U0ADMIN' }),
    );
    expect(first.state.grants).toEqual([
      { user: 'U0NEW', role: 'editor', grantedBy: 'U0ADMIN', at: '2025-12-01T09:00:00.000Z' },
    ]);
    expect(first.events).toEqual([
      {
        id: 1,
        at: '2025-12-01T09:00:00.000Z',
        actor: 'U0ADMIN',
        type: 'access.granted',
        target: 'U0NEW',
        before: null,
        after: { role: 'editor' },
      },
    ]);
    const promoted = changed(grantRole(deepFreeze(first.state), 'U0NEW', 'admin', ctx));
    expect(promoted.state.grants.map((g) => g.role)).toEqual(['admin']);
    expect(promoted.events[0]).toMatchObject({ id: 2, before: { role: 'editor' }, after: { role: 'admin' } });
    const same = changed(grantRole(promoted.state, 'U0NEW', 'admin', ctx));
    expect(same.events).toEqual([]);
    expect(same.state).toBe(promoted.state);
    expect(StateSchema.safeEncode(promoted.state).success).toBe(true);
  });

  test('grantRole refuses what is not a Slack user id or not a grantable role', () => {
    expect(errorOf(grantRole(emptyState(), '<@U0NEW>', 'editor', ctx), 'ACCESS.INVALID').details?.field).toBe(
      'user',
    );
    errorOf(grantRole(emptyState(), 'U0NEW', 'viewer' as never, ctx), 'ACCESS.INVALID');
  });

  test('revokeRole removes the grant with an access.revoked event', () => {
    const granted = deepFreeze(changed(grantRole(emptyState(), 'U0NEW', 'editor', ctx)).state);
    const revoked = changed(revokeRole(granted, 'U0NEW', ctx, env.admins));
    expect(revoked.state.grants).toEqual([]);
    expect(revoked.events[0]).toMatchObject({
      id: 2,
      type: 'access.revoked',
      target: 'U0NEW',
      before: { role: 'editor' },
      after: null,
    });
    expect(roleOf('U0NEW', env, revoked.state.grants)).toBe('viewer');
  });

  test('environment admins cannot be revoked; users without a grant have nothing to revoke', () => {
    const granted = changed(grantRole(emptyState(), 'U0ADMIN', 'editor', ctx)).state;
    expect(english(errorOf(revokeRole(granted, 'U0ADMIN', ctx, env.admins), 'ACCESS.DENIED'))).toContain(
      'WINWIN_ADMINS',
    );
    errorOf(revokeRole(emptyState(), 'U0NOBODY', ctx, env.admins), 'ACCESS.INVALID');
  });
});
