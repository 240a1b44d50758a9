import { SlackUserIdSchema } from '../domain/types.js';
import type { RecordedCall } from '../loopback/slack-api.js';
import { describeField, modalFields, parseAnswer, promptFor, stateValues } from './modal.js';
import { type Control, type Rendered, renderMessage, renderView } from './render.js';
import { CONSOLE_CHANNEL, type Exchange, type Session } from './session.js';
import type { Terminal } from './terminal.js';

/**
 * The console's read-eval-print loop: reads a line, sends it to the app as Slack would, prints what the
 * app answered, turns modals into prompts and lets the user press the buttons it printed.
 */

export const CONSOLE_HELP = [
  'Console commands:',
  '  /winwin <command>      run a Winwin command, e.g. /winwin status retail ("/winwin" may be left out)',
  '  home                   open App Home',
  '  click <n> [<option>]   press button n of the last reply, or pick an option of menu n',
  '  :<label>               press the button whose label starts with <label>, e.g. :share',
  '  as <user id>           act as another Slack user, e.g. as U0123ABCD',
  '  help                   this list; /winwin help lists Winwin’s own commands',
  '  exit, quit, Ctrl-D     leave',
  'In a form: answer each field. Enter keeps [the default] or skips an optional field, "-" clears a',
  'default, a menu takes the option’s number or value, and :cancel abandons the form.',
];

/** Where a printed control lives, so that pressing it sends the payload Slack would send. */
type Origin =
  | {
      readonly type: 'message';
      readonly channel: string;
      readonly ts: string;
      readonly message?: Record<string, unknown>;
    }
  | { readonly type: 'view'; readonly viewId: string; readonly viewType: 'home' | 'modal' };

interface Pressable extends Control {
  readonly origin: Origin;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

type Outcome = 'done' | 'eof';

export const runRepl = async (session: Session, term: Terminal): Promise<void> => {
  let controls: Pressable[] = [];
  let tsCounter = 0;
  let viewCounter = 0;
  // Whether the current exchange printed anything (so silence is reported, never left blank).
  let shown = false;
  const nextTs = (): string => {
    tsCounter += 1;
    return `1900000000.${String(tsCounter).padStart(6, '0')}`;
  };

  const show = (heading: string, rendered: Rendered, origin: Origin | undefined): void => {
    shown = true;
    term.print(`── ${heading} ──`, ...(rendered.lines.length === 0 ? ['(empty)'] : rendered.lines), '');
    if (origin !== undefined) controls.push(...rendered.controls.map((c) => ({ ...c, origin })));
  };
  const first = (): number => controls.length + 1;
  const opts = () => ({ ansi: term.ansi, firstControl: first() });

  const channelLabel = (channel: string): string =>
    /^[UWD]/.test(channel) ? 'direct message' : channel === CONSOLE_CHANNEL ? '#console' : `#${channel}`;

  const messageOrigin = (channel: string, body: Json, ephemeral: boolean): Origin => {
    const ts = nextTs();
    return ephemeral
      ? { type: 'message', channel, ts }
      : {
          type: 'message',
          channel,
          ts,
          message: { type: 'message', ts, text: body.text ?? '', blocks: body.blocks ?? [] },
        };
  };

  /** Prints one Web API call or response_url post; modals become prompts. */
  const showCall = async (call: RecordedCall): Promise<Outcome> => {
    const a = call.args;
    const channel = str(a.channel) ?? CONSOLE_CHANNEL;
    switch (call.method) {
      case 'response_url': {
        if (a.delete_original === true || a.delete_original === 'true') {
          term.print('── (the message was removed) ──', '');
          return 'done';
        }
        const inChannel = a.response_type === 'in_channel';
        const how =
          a.replace_original === true || a.replace_original === 'true' ? 'replaces the message, ' : '';
        show(
          `${how}${inChannel ? 'posted in #console' : 'only you'}`,
          renderMessage(a, opts()),
          messageOrigin(CONSOLE_CHANNEL, a, !inChannel),
        );
        return 'done';
      }
      case 'chat.postMessage':
        show(`${channelLabel(channel)}`, renderMessage(a, opts()), messageOrigin(channel, a, false));
        return 'done';
      case 'chat.postEphemeral':
        show(
          `only you, in ${channelLabel(channel)}`,
          renderMessage(a, opts()),
          messageOrigin(channel, a, true),
        );
        return 'done';
      case 'chat.update':
        show(
          `message updated in ${channelLabel(channel)}`,
          renderMessage(a, opts()),
          messageOrigin(channel, a, false),
        );
        return 'done';
      case 'chat.delete':
        term.print(`── (a message was deleted in ${channelLabel(channel)}) ──`, '');
        return 'done';
      case 'views.publish': {
        const user = str(a.user_id) ?? session.user;
        const published = session.fake.home(user);
        const viewId = str(published?.id) ?? `VHOME${user}`;
        const who = user === session.user ? 'App Home' : `App Home of ${user}`;
        show(who, renderView(a.view, opts()), { type: 'view', viewId, viewType: 'home' });
        return 'done';
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
        return runModal(withId(a.view));
      case 'files.completeUploadExternal': {
        const files = Array.isArray(a.files) ? a.files.filter(isObject) : [];
        for (const f of files) {
          const id = str(f.id);
          const upload = id === undefined ? undefined : session.fake.upload(id);
          term.print(
            `── file ${upload?.filename ?? str(f.title) ?? id} (${upload?.bytes.length ?? 0} bytes) ──`,
          );
          if (upload !== undefined) term.print(...upload.bytes.toString('utf8').split('\n').slice(0, 12), '');
        }
        if (str(a.initial_comment) !== undefined) term.print(str(a.initial_comment) as string, '');
        return 'done';
      }
      default:
        return 'done';
    }
  };

  /** The view as Slack holds it: the fake gave the opened view an id, which a submission must carry. */
  const withId = (view: unknown): Json => {
    const v = isObject(view) ? view : {};
    const opened = session.fake.lastModal();
    if (opened !== undefined && opened.callback_id === v.callback_id && typeof opened.id === 'string')
      return opened;
    viewCounter += 1;
    return { ...v, id: `VCONSOLE${viewCounter}`, hash: `hash-${viewCounter}` };
  };

  /** Prints everything an exchange caused; `silence` is printed when that is nothing (undefined: print nothing). */
  const showExchange = async (
    ex: Exchange,
    silence: string | undefined = '(Winwin sent nothing back)',
  ): Promise<Outcome> => {
    shown = false;
    if (ex.status !== 200) {
      term.print(`── Winwin answered HTTP ${ex.status} ──`, '');
      return 'done';
    }
    if (isObject(ex.ack) && (ex.ack.text !== undefined || ex.ack.blocks !== undefined)) {
      const inChannel = ex.ack.response_type === 'in_channel';
      show(
        inChannel ? 'posted in #console' : 'only you',
        renderMessage(ex.ack, opts()),
        messageOrigin(CONSOLE_CHANNEL, ex.ack, !inChannel),
      );
    }
    for (const call of ex.calls) {
      if ((await showCall(call)) === 'eof') return 'eof';
    }
    if (!shown && silence !== undefined) term.print(silence, '');
    return 'done';
  };

  /** Asks each input of a modal, submits it, and re-asks the fields the app rejected. */
  const runModal = async (view: Json): Promise<Outcome> => {
    shown = true;
    const fields = modalFields(view);
    const title = renderView({ title: view.title, blocks: [] }).lines[0] ?? '« form »';
    if (fields.length === 0) {
      show('form', renderView(view, opts()), {
        type: 'view',
        viewId: str(view.id) ?? 'VCONSOLE',
        viewType: 'modal',
      });
      return 'done';
    }
    term.print(`── ${title} (a form: answer each field, :cancel to abandon it) ──`);
    const intro = renderView({
      blocks: (Array.isArray(view.blocks) ? view.blocks : []).filter(
        (b) => isObject(b) && b.type !== 'input',
      ),
    });
    if (intro.lines.length > 0) term.print(...intro.lines);
    const answers = new Map<string, string | null>();
    let errors: Record<string, string> = {};
    let toAsk = fields;
    for (;;) {
      for (const field of toAsk) {
        let error = errors[field.blockId];
        for (;;) {
          term.print(...describeField(field, error));
          const typed = await term.ask(promptFor(field));
          if (typed === undefined) return 'eof';
          if (typed.trim() === ':cancel') {
            term.print('(form abandoned: nothing was sent)', '');
            return 'done';
          }
          const answer = parseAnswer(field, typed);
          if (answer.ok) {
            answers.set(field.blockId, answer.value);
            break;
          }
          error = answer.error;
        }
      }
      const ex = await session.submitView(view, stateValues(fields, answers));
      const ack = isObject(ex.ack) ? ex.ack : {};
      if (ack.response_action === 'errors' && isObject(ack.errors)) {
        errors = Object.fromEntries(Object.entries(ack.errors).map(([k, v]) => [k, String(v)]));
        term.print('', '── the form has problems; nothing was stored ──');
        for (const [blockId, message] of Object.entries(errors)) {
          const label = fields.find((f) => f.blockId === blockId)?.label ?? blockId;
          term.print(`  ✗ ${label}: ${message}`);
        }
        term.print('');
        const rejected = fields.filter((f) => errors[f.blockId] !== undefined);
        // An error on no field we asked would loop forever: show it and stop.
        if (rejected.length === 0) return 'done';
        toAsk = rejected;
        continue;
      }
      const next = ack.response_action === 'update' || ack.response_action === 'push' ? ack.view : undefined;
      if ((await showExchange(ex, isObject(next) ? undefined : '(form sent)')) === 'eof') return 'eof';
      if (isObject(next)) {
        viewCounter += 1;
        return runModal({
          ...next,
          id: str(view.id) ?? `VCONSOLE${viewCounter}`,
          hash: `hash-u${viewCounter}`,
        });
      }
      return 'done';
    }
  };

  const press = async (control: Pressable, choice: string | undefined): Promise<Outcome> => {
    let selected: string | undefined;
    if (control.kind === 'select') {
      let typed = choice;
      if (typed === undefined) {
        control.options.forEach((o, i) => {
          term.print(`  ${i + 1}. ${o.text === o.value ? o.text : `${o.text} (${o.value})`}`);
        });
        typed = await term.ask('choose> ');
        if (typed === undefined) return 'eof';
      }
      const t = typed.trim();
      const index = /^\d+$/.test(t) ? Number(t) - 1 : -1;
      const option =
        control.options[index] ??
        control.options.find((o) => o.value === t || o.text.toLowerCase() === t.toLowerCase());
      if (option === undefined) {
        term.print(`No option "${t}" in that menu.`, '');
        return 'done';
      }
      selected = option.value;
    }
    const o = control.origin;
    const container =
      o.type === 'message'
        ? { type: 'message' as const, channel: o.channel, ts: o.ts }
        : { type: 'view' as const, viewId: o.viewId, viewType: o.viewType };
    controls = [];
    const ex = await session.click({
      actionId: control.actionId,
      ...(control.blockId === undefined ? {} : { blockId: control.blockId }),
      ...(control.value === undefined ? {} : { value: control.value }),
      ...(selected === undefined ? {} : { selected }),
      container,
      ...(o.type === 'message' ? { responseUrl: session.fake.responseUrl() } : {}),
      ...(o.type === 'message' && o.message !== undefined ? { message: o.message } : {}),
    });
    return showExchange(ex);
  };

  const findControl = (label: string): Pressable | undefined => {
    const wanted = label.trim().toLowerCase();
    return (
      controls.find((c) => c.text.toLowerCase() === wanted) ??
      controls.find((c) => c.text.toLowerCase().startsWith(wanted)) ??
      controls.find((c) => c.text.toLowerCase().includes(wanted) || c.actionId.includes(wanted))
    );
  };

  const handle = async (line: string): Promise<Outcome | 'exit'> => {
    const text = line.trim();
    if (text === '') return 'done';
    const lower = text.toLowerCase();
    if (lower === 'exit' || lower === 'quit' || lower === ':q') return 'exit';
    if (lower === 'help' || lower === '?') {
      term.print(...CONSOLE_HELP, '');
      return 'done';
    }
    if (lower === 'home') {
      controls = [];
      return showExchange(await session.openHome());
    }
    const click = /^click\s+(\d+)(?:\s+(.+))?$/i.exec(text);
    if (click !== null) {
      const control = controls.find((c) => c.number === Number(click[1]));
      if (control === undefined) {
        term.print(
          controls.length === 0
            ? 'Nothing to press: the last reply had no buttons.'
            : `No button ${click[1]}; there are 1–${controls.length}.`,
          '',
        );
        return 'done';
      }
      return press(control, click[2]);
    }
    if (text.startsWith(':') && text.length > 1) {
      const [label = '', ...rest] = text.slice(1).split(/\s+/);
      const control = findControl(label);
      if (control === undefined) {
        term.print(`No button like "${label}" in the last reply.`, '');
        return 'done';
      }
      return press(control, rest.length > 0 ? rest.join(' ') : undefined);
    }
    const as = /^as\s+(\S+)$/i.exec(text);
    if (as !== null) {
      const id = (as[1] as string).toUpperCase();
      if (!SlackUserIdSchema.safeParse(id).success) {
        term.print(`"${as[1]}" is not a Slack user id such as U0123ABCD.`, '');
        return 'done';
      }
      session.user = id;
      term.print(`You are now ${id} (${session.role()}).`, '');
      return 'done';
    }
    let commandText = text;
    if (text.startsWith('/')) {
      const m = /^\/winwin(?:\s+([\s\S]*))?$/i.exec(text);
      if (m === null) {
        term.print(`Only /winwin is known here (type help for the console's commands).`, '');
        return 'done';
      }
      commandText = m[1] ?? '';
    }
    controls = [];
    return showExchange(await session.command(commandText));
  };

  for (;;) {
    const line = await term.ask(`${session.user}> `);
    if (line === undefined) return;
    let outcome: Outcome | 'exit';
    try {
      outcome = await handle(line);
    } catch (error) {
      term.print(`Console error: ${error instanceof Error ? error.message : String(error)}`, '');
      continue;
    }
    if (outcome === 'exit' || outcome === 'eof') return;
  }
};
