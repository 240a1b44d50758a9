import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../../src/domain/types.js';
import { ACTIONS } from '../../src/views/ids.js';
import { type Harness, startHarness, USERS } from '../support/harness.js';
import { HOSTILE } from '../support/hostile.js';
import { allCallProblems, answerProblems, settle } from './observe.js';

/**
 * Every hostile string through every input, over real HTTP, as an admin (who can reach every path).
 * Whatever Winwin stores or refuses, nothing it sends back or posts may carry a Slack control sequence
 * from the input unescaped, break a Block Kit limit, answer 5xx, or take the server down. Then the
 * stored hostile data is rendered on every read surface for every role, and checked the same way.
 */

const PROGRAM = 'steel-posco';

/** What Slack sends for typed text with "escape channels, users and links" on: & < > as entities. */
const slackEscaped = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Both forms a command can carry: Slack's escaped text, and raw `<…>` (typed @channel arrives that way). */
const forms = (text: string): string[] => (/[&<>]/.test(text) ? [slackEscaped(text), text] : [text]);

type View = Record<string, unknown>;

describe('hostile input through every input, then every read surface', () => {
  let h: Harness;
  const problems: string[] = [];
  const failures: string[] = [];

  /** Sends a request; a non-200 answer or a thrown request is a failure, the ack is checked. */
  const send = async (label: string, run: () => Promise<unknown>): Promise<unknown> => {
    try {
      const ack = await run();
      problems.push(...answerProblems(h, { ack, calls: [] }).map((p) => `${label}: ${p}`));
      return ack;
    } catch (error) {
      failures.push(`${label}: ${String(error).slice(0, 300)}`);
      return undefined;
    }
  };

  const command = (label: string, line: string, user: string = USERS.admin) =>
    send(label, () => h.command(line, { user }));

  /** Checks every Slack call since the last sweep (replies after an ack arrive asynchronously). */
  let swept = 0;
  const sweep = async (label: string): Promise<void> => {
    await settle(h);
    const calls = h.fake.calls().filter((c) => c.seq > swept);
    swept = h.fake.seq();
    problems.push(...answerProblems(h, { ack: undefined, calls }).map((p) => `${label}: ${p}`));
  };

  const expectClean = async (label: string): Promise<void> => {
    await sweep(label);
    // Each test reports its own findings, not those of the tests before it.
    const failed = failures.splice(0);
    const found = problems.splice(0);
    expect(failed, 'requests that failed (5xx or no answer)').toEqual([]);
    expect(found, 'unescaped markup or Block Kit problems').toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  };

  const openModal = async (line: string): Promise<View | undefined> => {
    const before = h.fake.calls('views.open').length;
    await command(`open ${line}`, line);
    return h.fake.calls('views.open').length > before ? h.fake.lastModal() : undefined;
  };

  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  it('quick pledge: hostile contributors (quoted, unquoted, Slack-escaped and raw)', async () => {
    for (const { name, text } of HOSTILE) {
      for (const form of forms(text)) {
        await command(`pledge contributor ${name}`, `/winwin pledge ${PROGRAM} 1억 ${form}`);
        await command(`pledge quoted contributor ${name}`, `/winwin pledge ${PROGRAM} 1억 "${form}"`);
      }
      await command(
        `pledge hostile amount ${name}`,
        `/winwin pledge ${PROGRAM} ${forms(text)[0]} Amount Corp`,
      );
      await command(
        `pledge hostile options ${name}`,
        `/winwin pledge ${PROGRAM} 1억 Opt kind:${text} status:${text}`,
      );
    }
    await expectClean('quick pledge');
  });

  it('pledge modal: contributor, amount, note, due and a forged program value', async () => {
    for (const { name, text } of HOSTILE) {
      const view = await openModal(`/winwin pledge ${PROGRAM}`);
      if (view === undefined) throw new Error('the pledge modal did not open');
      await send(`pledge modal ${name}`, () =>
        h.submitView(view, {
          program: PROGRAM,
          contributor: text,
          kind: 'corporation',
          amount: '2억',
          status: 'verbal',
          due: null,
          note: text,
        }),
      );
      const again = await openModal(`/winwin pledge ${PROGRAM}`);
      if (again === undefined) throw new Error('the pledge modal did not open');
      await send(`pledge modal all-hostile ${name}`, () =>
        h.submitView(again, {
          program: text,
          contributor: text,
          kind: text,
          amount: text,
          status: text,
          due: text,
          note: text,
        }),
      );
    }
    await expectClean('pledge modal');
  });

  it('program modal: name, terms, note (stored), and every field hostile (refused)', async () => {
    let i = 0;
    for (const { name, text } of HOSTILE) {
      i += 1;
      const view = await openModal('/winwin program new steel');
      if (view === undefined) throw new Error('the program modal did not open');
      await send(`program modal ${name}`, () =>
        h.submitView(view, {
          sector: 'steel',
          name: text,
          slug: `hostile-${i}`,
          target: '1000억',
          multiple: '10',
          status: 'negotiating',
          announce_by: null,
          terms: text,
          note: text,
        }),
      );
      const again = await openModal('/winwin program new');
      if (again === undefined) throw new Error('the program modal did not open');
      await send(`program modal all-hostile ${name}`, () =>
        h.submitView(again, {
          sector: text,
          name: text,
          slug: text,
          target: text,
          multiple: text,
          status: text,
          announce_by: text,
          terms: text,
          note: text,
        }),
      );
      for (const form of forms(text)) await openModal(`/winwin program new ${form}`);
    }
    // Editing a program with a hostile name pre-fills the form with it (plain text, not mrkdwn).
    await openModal('/winwin program edit hostile-1');
    await openModal(`/winwin program edit ${PROGRAM}`);
    await expectClean('program modal');
  });

  it('set: hostile reasons on pledges and programs, hostile ids and statuses', async () => {
    for (const { name, text } of HOSTILE) {
      const ack = (await command(`set target ${name}`, `/winwin pledge ${PROGRAM} 1억 Reason Target`)) as
        | { text?: string }
        | undefined;
      const id = /Recorded pledge (P\d+)/.exec(String(ack?.text ?? ''))?.[1];
      for (const form of forms(text)) {
        if (id !== undefined) await command(`set reason ${name}`, `/winwin set ${id} suspended ${form}`);
        await command(`set hostile id ${name}`, `/winwin set ${form} suspended why`);
        await command(`set hostile status ${name}`, `/winwin set P6 ${form} why`);
      }
    }
    await command('set program on hold', `/winwin set ${PROGRAM} on_hold ${HOSTILE[0]?.text ?? ''}`);
    await expectClean('set');
  });

  it('targets everywhere: status, capacity, history, subscribe, unsubscribe, digest, export, access, unknown subcommands', async () => {
    for (const { name, text } of HOSTILE) {
      for (const form of forms(text)) {
        await command(`status ${name}`, `/winwin status ${form}`);
        await command(`capacity ${name}`, `/winwin capacity ${form} ${form}`);
        await command(`capacity amount ${name}`, `/winwin capacity ${PROGRAM} ${form}`);
        await command(`history ${name}`, `/winwin history ${form} ${form}`);
        await command(`subscribe ${name}`, `/winwin subscribe ${form} ${form} ${form}`);
        await command(`unsubscribe ${name}`, `/winwin unsubscribe ${form}`);
        await command(`subscriptions ${name}`, `/winwin subscriptions ${form}`);
        await command(`digest ${name}`, `/winwin digest ${form}`);
        await command(`export ${name}`, `/winwin export ${form}`);
        await command(`unknown subcommand ${name}`, `/winwin ${form}`);
        await command(`whoami extra ${name}`, `/winwin whoami ${form}`, USERS.viewer);
      }
    }
    await expectClean('targets');
  });

  it('buttons with hostile values', async () => {
    const ids = [
      ACTIONS.shareStatus,
      ACTIONS.pledgeSetStatus,
      ACTIONS.pagePrev,
      ACTIONS.pageNext,
      ACTIONS.homeOpenStatus,
      ACTIONS.homePagePrev,
      ACTIONS.homePageNext,
      ACTIONS.subscriptionsPage,
    ];
    for (const { name, text } of HOSTILE) {
      for (const actionId of ids) {
        await send(`button ${actionId} ${name}`, () => h.clickAction({ actionId, value: text }));
        await send(`home button ${actionId} ${name}`, () =>
          h.clickAction({ actionId, value: text, container: { type: 'view', viewId: 'VHOME' } }),
        );
      }
    }
    // Well-formed JSON with hostile content: pages out of range, wrong types, hostile targets.
    const pages = [
      { target: PROGRAM, page: 1e9 },
      { target: PROGRAM, page: -1 },
      { target: PROGRAM, page: 1.5 },
      { target: PROGRAM, page: '2' },
      { target: PROGRAM, page: null },
      { target: '<!channel>', page: 0 },
      { target: { $gt: '' }, page: 0 },
      { page: 0, __proto__: { target: 'x' } },
      [PROGRAM, 0],
    ];
    for (const value of pages) {
      for (const actionId of [
        ACTIONS.pageNext,
        ACTIONS.pagePrev,
        ACTIONS.homePageNext,
        ACTIONS.subscriptionsPage,
      ]) {
        await send(`button ${actionId} ${JSON.stringify(value)}`, () =>
          h.clickAction({ actionId, value: JSON.stringify(value) }),
        );
      }
    }
    await expectClean('buttons');
  });

  it('the stored hostile data renders safely on every read surface, for every role', async () => {
    const state = h.state();
    expect(state.pledges.length).toBeGreaterThan(11); // hostile pledges were stored
    expectNoDangerousStoredText(state);
    await command('subscribe names', `/winwin subscribe all realtime names`, USERS.admin);
    await command('subscribe totals', `/winwin subscribe ${PROGRAM} daily totals`, USERS.admin);
    const programs = state.programs.map((p) => p.slug);
    for (const user of [USERS.admin, USERS.editor, USERS.viewer]) {
      await command(`status all as ${user}`, '/winwin status', user);
      for (const slug of programs) {
        await command(`status ${slug} as ${user}`, `/winwin status ${slug}`, user);
        await command(`history ${slug} as ${user}`, `/winwin history ${slug} 50`, user);
      }
      await command(`history all as ${user}`, '/winwin history 100', user);
      await command(`digest as ${user}`, '/winwin digest all', user);
      await command(`export as ${user}`, '/winwin export all', user);
      await command(`access as ${user}`, '/winwin access', user);
      await command(`subscriptions as ${user}`, '/winwin subscriptions all', user);
      for (const page of ['0', '1', '2', '5']) {
        await send(`status page ${page} as ${user}`, () =>
          h.clickAction({
            actionId: ACTIONS.pageNext,
            value: JSON.stringify({ target: PROGRAM, page: Number(page) }),
            user,
          }),
        );
      }
      await send(`share as ${user}`, () =>
        h.clickAction({ actionId: ACTIONS.shareStatus, value: PROGRAM, user }),
      );
      await send(`home as ${user}`, async () => ({ view: await h.openHome(user) }));
    }
    await expectClean('read surfaces');
  });

  it('the export CSV neutralises formulas and keeps a BOM', async () => {
    await command('export for csv', '/winwin export all csv', USERS.admin);
    await settle(h);
    // Earlier exports (hostile targets) sent workbooks, the default: only the CSV files count here.
    const uploads = h.fake
      .calls('upload')
      .map((c) => h.fake.upload(String(c.id)))
      .filter((u) => u?.filename?.endsWith('.csv') === true);
    expect(uploads.length).toBeGreaterThan(0);
    for (const upload of uploads) {
      const text = upload?.bytes.toString('utf8') ?? '';
      expect(text.startsWith('\ufeff')).toBe(true);
      for (const cell of csvCells(text.slice(1))) {
        // A cell Excel would run as a formula: = + - @ (or their full-width forms, or tab / CR) first,
        // unless it is a plain number.
        if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
        expect(cell, `formula cell in ${upload?.filename}`).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
      }
    }
  });

  it('the export workbook holds values only, never a formula', async () => {
    const before = h.fake.seq();
    await command('export for xlsx', '/winwin export all', USERS.admin);
    await h.fake.waitForCall('files.completeUploadExternal', () => true, {
      afterSeq: before,
      timeoutMs: 20_000,
    });
    const uploads = h.fake
      .calls('upload')
      .filter((c) => c.seq > before)
      .map((c) => h.fake.upload(String(c.id)));
    expect(uploads.length, h.logs.slice(-5).join('\n')).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((uploads[0]?.bytes ?? Buffer.alloc(0)) as unknown as ArrayBuffer);
    let cells = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells += 1;
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        });
      });
    }
    expect(cells).toBeGreaterThan(100);
  });

  it('the server is still up, and every Slack call it made is within limits and escaped', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const reply = await h.command('/winwin whoami', { user: USERS.viewer });
    expect(reply.response_type).toBe('ephemeral');
    expect(allCallProblems(h)).toEqual([]);
  });
});

describe('hostile mentions through /winwin access', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  it('only well-formed user ids are granted, and only they are mentioned', { timeout: 120_000 }, async () => {
    const problems: string[] = [];
    for (const { name, text } of HOSTILE) {
      for (const form of forms(text)) {
        for (const line of [
          `/winwin access grant ${form} editor`,
          `/winwin access grant <@UOTHER001> ${form}`,
          `/winwin access revoke ${form}`,
        ]) {
          const answer = { ack: await h.command(line), calls: [] };
          // A grant to <@U999> is a real (validated) user id: Winwin may mention whoever holds a grant.
          const granted = h.state().grants.map((g) => g.user);
          const events = (await h.store.recentEvents(1000)).map((e) => e.target);
          problems.push(...answerProblems(h, answer, [...granted, ...events]).map((p) => `${name}: ${p}`));
        }
      }
    }
    expect(problems).toEqual([]);
    for (const grant of h.state().grants) expect(grant.user).toMatch(/^[UWB][A-Z0-9]{2,20}$/);
    const list = await h.command('/winwin access');
    const granted = h.state().grants.map((g) => g.user);
    expect(answerProblems(h, { ack: list, calls: [] }, granted)).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});

/** Stored text holds no NUL, control, bidi-override or lone-surrogate characters (sanitized on the way in). */
const expectNoDangerousStoredText = (state: State): void => {
  const texts = [
    ...state.pledges.flatMap((p) => [p.contributor, p.note ?? '']),
    ...state.programs.flatMap((p) => [p.name, p.terms ?? '', p.note ?? '']),
    ...state.sectors.flatMap((s) => [s.name, s.alias ?? '']),
  ];
  for (const text of texts) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  }
};

/** The cells of an RFC 4180 CSV (quoted cells unquoted). */
const csvCells = (text: string): string[] => {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          cell += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        cell += text[i];
        i += 1;
      }
    }
    cells.push(cell);
    if (text[i] === '\r') i += 1;
    i += 1; // the comma or newline
  }
  return cells;
};
