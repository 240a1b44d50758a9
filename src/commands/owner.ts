import { ownerOf, setOwner } from '../domain/follow.js';
import type { DomainError } from '../domain/result.js';
import type { Localized } from '../i18n/common.js';
import type { Subcommand } from '../shell/deps.js';
import { changeCtx, withChanged } from '../shell/follow-args.js';
import { parseUserMention } from '../shell/mention.js';
import { warningMessage } from '../views/blocks.js';
import { usageErrorReply } from '../views/error-text.js';
import { ownerMessage } from '../views/follow.js';

const USAGE: Localized<readonly string[]> = {
  en: ['/winwin owner <pledge-id> <@user>'],
  ko: ['/winwin owner <출연-ID> <@사용자>'],
};

const MISSING: Localized = {
  en: 'Say which pledge and who owns it now, e.g. /winwin owner P9 @kim.',
  ko: '어느 출연을 누가 맡는지 쓰세요. 예: /winwin owner P9 @김주무관.',
};

/** `/winwin owner <pledge-id> <@user>`: hands the pledge to another official. */
export const ownerCommand: Subcommand = {
  name: 'owner',
  aliases: ['담당'],
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: "change a pledge's owner, the official who handles the contributor (default: whoever recorded it)",
    ko: '출연 담당자 변경 (기본: 기록한 사람)',
  },
  async run(ctx) {
    if (!(await ctx.require('editor'))) return;
    const fail = (error: DomainError) => ctx.reply(usageErrorReply(error, ctx.locale, USAGE[ctx.locale]));
    const [id, ...rest] = ctx.args;
    const who = rest.join(' ').trim();
    if (id === undefined || who === '')
      return ctx.reply(warningMessage(MISSING[ctx.locale], USAGE[ctx.locale]));
    const mention = parseUserMention(who);
    const user = mention === undefined || mention.rest !== '' ? who : mention.user;
    const result = await ctx.deps.store.mutate((state) =>
      withChanged(setOwner(state, id, user, changeCtx(ctx))),
    );
    if (!result.ok) return fail(result.error);
    const pledge = result.value.value;
    await ctx.reply(ownerMessage(pledge, ownerOf(pledge), result.value.changed, ctx.locale));
  },
};
