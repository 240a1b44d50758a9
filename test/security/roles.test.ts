import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.js';
import { type Harness, startHarness, USERS } from '../support/harness.js';
import { type Answer, answerProblems, answerText, answerTo, storeFiles } from './observe.js';

/**
 * Every mutation path, attempted by someone who may not change anything: a viewer, and — with no
 * admin configured (fail closed) — an env editor and an unlisted user. Each must get a clear refusal
 * and leave the store FILE byte for byte as it was. Roles come from the request's user id only, so
 * forged private_metadata and button values change nothing.
 */

const REFUSAL = /Only editors and admins|Only admins|No admin is configured|not allowed|Not allowed/i;
const PROGRAM = 'steel-posco';
const OTHER_PROGRAM = 'retail-consortium';

type View = Record<string, unknown>;

interface Attempt {
  readonly name: string;
  /** Opens a modal or sends the request as `user`; the harness is ready (demo seed, an editor's modal). */
  run(h: Harness, user: string, views: { pledge: View; program: View; programEdit: View }): Promise<unknown>;
}

const command = (line: string): Attempt => ({
  name: line,
  run: (h, user) => h.command(line, { user }),
});

const click = (actionId: string, value: string, home = false): Attempt => ({
  name: `button ${actionId} (${value})`,
  run: (h, user) =>
    h.clickAction({
      actionId,
      value,
      user,
      ...(home ? { container: { type: 'view' as const, viewId: 'VHOME' } } : {}),
    }),
});

const PLEDGE_VALUES = {
  program: PROGRAM,
  contributor: 'Refused Corp',
  kind: 'corporation',
  amount: '10억',
  status: 'committed',
  due: null,
  note: 'should never be stored',
} as const;

const PROGRAM_VALUES = {
  sector: 'steel',
  name: 'Forged program',
  slug: 'forged-program',
  target: '1000억',
  multiple: '10',
  status: 'negotiating',
  announce_by: null,
  terms: null,
  note: null,
} as const;

const ATTEMPTS: readonly Attempt[] = [
  command(`/winwin pledge ${PROGRAM} 10억 Refused Corp`),
  command(`/winwin pledge ${PROGRAM}`),
  command('/winwin pledge'),
  command('/winwin set P6 suspended leaked by a viewer'),
  command('/winwin set P10 committed'),
  command(`/winwin set ${PROGRAM} on_hold viewer says so`),
  command('/winwin program new steel'),
  command(`/winwin program edit ${PROGRAM}`),
  command(`/winwin subscribe ${PROGRAM} daily totals`),
  command('/winwin subscribe all realtime names'),
  command(`/winwin unsubscribe ${OTHER_PROGRAM}`),
  command(`/winwin access grant <@${USERS.viewer}> admin`),
  command(`/winwin access revoke <@${USERS.editor}>`),
  command('/winwin export all'),
  {
    name: 'pledge modal submission',
    run: (h, user, v) => h.submitView(v.pledge, PLEDGE_VALUES, { user }),
  },
  {
    name: 'program modal submission (new)',
    run: (h, user, v) => h.submitView(v.program, PROGRAM_VALUES, { user }),
  },
  {
    name: 'program modal submission (edit)',
    run: (h, user, v) => h.submitView(v.programEdit, { ...PROGRAM_VALUES, slug: PROGRAM }, { user }),
  },
  {
    name: 'program modal submission with forged private_metadata naming another program',
    run: (h, user, v) =>
      h.submitView(
        v.programEdit,
        { ...PROGRAM_VALUES, slug: OTHER_PROGRAM, name: 'Hijacked' },
        { user, privateMetadata: JSON.stringify({ program: OTHER_PROGRAM, channel: 'C0WINWIN01' }) },
      ),
  },
  {
    name: 'pledge modal submission with forged private_metadata claiming a role',
    run: (h, user, v) =>
      h.submitView(v.pledge, PLEDGE_VALUES, {
        user,
        privateMetadata: JSON.stringify({ role: 'admin', user: USERS.admin, channel: 'C0WINWIN01' }),
      }),
  },
  click(ACTIONS.pledgeSetStatus, 'P6:suspended'),
  click(ACTIONS.pledgeSetStatus, 'P10:committed'),
  click(ACTIONS.homeRecordPledge, '', true),
  click(ACTIONS.homeNewProgram, '', true),
];

/** A refusal is clear: it says so in words, in an ephemeral reply, a modal, or a DM — never in-channel. */
const expectRefused = (h: Harness, a: Answer, what: string): void => {
  const text = answerText(a);
  expect(text, `${what}: no refusal in ${text.slice(0, 300)}`).toMatch(REFUSAL);
  const inChannel = a.calls.filter(
    (c) =>
      (c.method === 'chat.postMessage' && String(c.args.channel).startsWith('C')) ||
      (c.method === 'response_url' && c.args.response_type === 'in_channel'),
  );
  expect(inChannel, `${what}: posted in a channel`).toEqual([]);
  if (a.ack !== undefined && a.ack !== null && typeof a.ack === 'object' && 'response_type' in a.ack) {
    expect((a.ack as { response_type: string }).response_type).toBe('ephemeral');
  }
  // Nothing that opens a form for input: at most a refusal modal without a submit button.
  for (const call of a.calls.filter((c) => c.method === 'views.open' || c.method === 'views.push')) {
    expect((call.args.view as { submit?: unknown }).submit, `${what}: opened a form`).toBeUndefined();
  }
  expect(answerProblems(h, a)).toEqual([]);
};

/** The modals an editor would get, to submit as someone else. */
const editorViews = async (h: Harness): Promise<{ pledge: View; program: View; programEdit: View }> => {
  const open = async (line: string): Promise<View> => {
    await h.command(line, { user: USERS.editor });
    const view = h.fake.lastModal();
    if (view === undefined) throw new Error(`${line} opened no modal`);
    return view;
  };
  return {
    pledge: await open(`/winwin pledge ${PROGRAM}`),
    program: await open('/winwin program new steel'),
    programEdit: await open(`/winwin program edit ${PROGRAM}`),
  };
};

const suite = (title: string, options: Parameters<typeof startHarness>[0], users: readonly string[]) => {
  describe(title, () => {
    let h: Harness;
    let views: Awaited<ReturnType<typeof editorViews>>;
    beforeAll(async () => {
      h = await startHarness({ seed: 'demo', ...options });
      // An admin's subscription, so that unsubscribe has something to remove.
      if ((options?.admins ?? [USERS.admin]).length > 0) {
        await h.command(`/winwin subscribe ${OTHER_PROGRAM} daily totals`, { user: USERS.admin });
      }
      views = await editorViewsOrBare(h);
    });
    afterAll(() => h.close());

    for (const user of users) {
      for (const attempt of ATTEMPTS) {
        it(`${user}: ${attempt.name} is refused and the file is unchanged`, async () => {
          const before = await storeFiles(h);
          const answer = await answerTo(h, () => attempt.run(h, user, views));
          expectRefused(h, answer, attempt.name);
          // Fail closed, and say why: there is nobody to ask for a role until WINWIN_ADMINS is set.
          if (h.config.admins.length === 0) expect(answerText(answer)).toContain('WINWIN_ADMINS');
          expect(await storeFiles(h)).toBe(before);
        });
      }
    }
  });
};

/**
 * With no admin configured nobody can open an editor's modal, so the views to submit are built from
 * the same callback ids with the fields typed by name (what a forged submission would carry).
 */
const editorViewsOrBare = async (h: Harness): Promise<{ pledge: View; program: View; programEdit: View }> => {
  if (h.config.admins.length > 0) return editorViews(h);
  return {
    pledge: { callback_id: 'pledge', blocks: [], private_metadata: '{}' },
    program: { callback_id: 'program', blocks: [], private_metadata: '{}' },
    programEdit: {
      callback_id: 'program',
      blocks: [],
      private_metadata: JSON.stringify({ program: PROGRAM }),
    },
  };
};

suite('a viewer cannot change anything', {}, [USERS.viewer]);
suite(
  'with no admin configured nobody can change anything (fail closed)',
  { admins: [], editors: [USERS.editor] },
  [USERS.editor, USERS.admin, 'UUNLISTED1'],
);

describe('the refusals above are real: the same attempts by an editor go through', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  it('a quick pledge, a set, and a button change the store for an editor', async () => {
    for (const run of [
      () => h.command(`/winwin pledge ${PROGRAM} 10억 Allowed Corp`, { user: USERS.editor }),
      () => h.command('/winwin set P6 suspended editor did it', { user: USERS.editor }),
      () => h.clickAction({ actionId: ACTIONS.pledgeSetStatus, value: 'P10:committed', user: USERS.editor }),
    ]) {
      const before = await storeFiles(h);
      const answer = await answerTo(h, run);
      expect(await storeFiles(h), answerText(answer).slice(0, 300)).not.toBe(before);
    }
  });
});

describe('an editor cannot do what only admins may', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
    await h.command('/winwin subscribe retail daily totals', { user: USERS.admin, channel: 'C0WINWIN02' });
  });
  afterAll(() => h.close());

  it.each([
    '/winwin subscribe all realtime names',
    '/winwin subscribe steel-posco daily names',
    `/winwin access grant <@${USERS.viewer}> editor`,
    `/winwin access revoke <@${USERS.editor}>`,
  ])('%s is refused and the files are unchanged', async (line) => {
    const before = await storeFiles(h);
    const answer = await answerTo(h, () => h.command(line, { user: USERS.editor }));
    expect(answerText(answer)).toMatch(/admin/i);
    expect(answerProblems(h, answer)).toEqual([]);
    expect(await storeFiles(h)).toBe(before);
  });

  it('/winwin subscriptions all (every channel) is for admins only', async () => {
    const answer = await answerTo(h, () => h.command('/winwin subscriptions all', { user: USERS.editor }));
    expect(answerText(answer)).not.toContain('C0WINWIN02');
    const page = await answerTo(h, () =>
      h.clickAction({ actionId: ACTIONS.subscriptionsPage, value: '0', user: USERS.editor }),
    );
    expect(answerText(page)).not.toContain('C0WINWIN02');
    const admin = await answerTo(h, () => h.command('/winwin subscriptions all', { user: USERS.admin }));
    expect(answerText(admin)).toContain('C0WINWIN02'); // the check above can fail
  });
});
