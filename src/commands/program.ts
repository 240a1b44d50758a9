import type { Localized } from '../i18n/common.js';
import type { Subcommand } from '../shell/deps.js';
import { warningMessage } from '../views/blocks.js';
import { usageErrorReply } from '../views/error-text.js';
import { openProgramModal } from './modals/open.js';

const USAGE: Localized<readonly string[]> = {
  en: ['/winwin program new [<sector>]', '/winwin program edit <program>'],
  ko: ['/winwin program new [<업종>]', '/winwin program edit <프로그램>'],
};

const TEXT: Localized<{ which: string; editWhat: string }> = {
  en: {
    which: 'Say new or edit: /winwin program new [<sector>] or /winwin program edit <program>.',
    editWhat: 'Name the program to edit, e.g. /winwin program edit autos-hyundai.',
  },
  ko: {
    which: 'new 또는 edit를 쓰세요: /winwin program new [<업종>] 또는 /winwin program edit <프로그램>.',
    editWhat: '편집할 프로그램을 쓰세요. 예: /winwin program edit autos-hyundai.',
  },
};

/** `/winwin program new [<sector>]` and `/winwin program edit <program>`: the program modal. */
export const programCommand: Subcommand = {
  name: 'program',
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: 'create a program or edit one, in a form',
    ko: '프로그램 생성 또는 편집 (입력 양식)',
  },
  async run(ctx) {
    if (!(await ctx.require('editor'))) return;
    const [verb, ...rest] = ctx.args;
    const t = TEXT[ctx.locale];
    const state = ctx.deps.store.read();
    const base = { locale: ctx.locale, channel: ctx.channel };
    let opened: Awaited<ReturnType<typeof openProgramModal>>;
    switch (verb?.toLowerCase()) {
      case 'new': {
        const sector = rest.join(' ').trim();
        opened = await openProgramModal(ctx.client, ctx.triggerId, state, {
          ...base,
          ...(sector === '' ? {} : { sector }),
        });
        break;
      }
      case 'edit': {
        const [program] = rest;
        if (program === undefined) return ctx.reply(warningMessage(t.editWhat, USAGE[ctx.locale]));
        opened = await openProgramModal(ctx.client, ctx.triggerId, state, { ...base, program });
        break;
      }
      default:
        return ctx.reply(warningMessage(t.which, USAGE[ctx.locale]));
    }
    if (!opened.ok) await ctx.reply(usageErrorReply(opened.error, ctx.locale, USAGE[ctx.locale]));
  },
};
