import { findSector } from '../domain/sectors.js';
import type { Standing } from '../domain/standing.js';
import type { State } from '../domain/types.js';
import type { Locale, Localized } from '../i18n/common.js';
import { clickedValue, respondToClick } from '../shell/action-respond.js';
import type { ActionListener } from '../shell/deps.js';
import { loadStanding, resolveStatusTarget } from '../shell/status-reply.js';
import { context, message, warningMessage } from '../views/blocks.js';
import { errorReply } from '../views/error-text.js';
import { ACTIONS } from '../views/ids.js';
import { mentionUser } from '../views/mrkdwn.js';
import { buildStatusMessage } from '../views/status.js';
import { standingTarget } from '../views/status-parts.js';

/**
 * "Share in channel": posts the status to the channel the reply was in, drawn for the CHANNEL's
 * audience, never the requester's. Everyone in a channel reads it as a viewer would; contributor names
 * of unsigned pledges appear only when the channel is subscribed with `names` to something that covers
 * everything shown (all, the sector, or the program).
 */

const covers = (state: State, subscribed: string, standing: Standing): boolean => {
  const wanted = subscribed.trim().toLowerCase();
  if (wanted === 'all') return true;
  if (standing.kind === 'all') return false;
  const sector = standing.kind === 'sector' ? standing.sector.sector : standing.program.sector;
  if (findSector(state, wanted)?.name === sector.name) return true;
  return standing.kind === 'program' && wanted === standing.program.program.slug;
};

/** Whether a channel may read unsigned contributors' names in this standing. */
export const channelSeesNames = (state: State, channel: string, standing: Standing): boolean =>
  state.subscriptions.some(
    (s) => s.channel === channel && s.detail === 'names' && covers(state, s.target, standing),
  );

const S: Localized<{ by: string; shared: string; noChannel: string; failed: (error: string) => string }> = {
  en: {
    by: 'Shared by',
    shared: 'Shared in this channel.',
    noChannel: 'There is no channel to share this in. Run /winwin status in a channel.',
    failed: (error) =>
      `Could not post in this channel (${error}). Invite Winwin to the channel (/invite @Winwin) and try again.`,
  },
  ko: {
    by: '공유:',
    shared: '이 채널에 공유했습니다.',
    noChannel: '공유할 채널이 없습니다. 채널에서 /winwin status를 실행하세요.',
    failed: (error) =>
      `이 채널에 게시하지 못했습니다 (${error}). Winwin을 채널에 초대(/invite @Winwin)한 뒤 다시 시도하세요.`,
  },
};

const slackError = (error: unknown): string => {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' && /^[a-z_]{1,60}$/.test(code) ? code : 'error';
};

const shareFailed = (locale: Locale, error: unknown) => warningMessage(S[locale].failed(slackError(error)));

export const shareStatusAction: ActionListener = {
  actionId: ACTIONS.shareStatus,
  async run(args, ctx) {
    await args.ack();
    const channel = args.body.channel?.id;
    if (channel === undefined) {
      await respondToClick(args, warningMessage(S[ctx.locale].noChannel));
      return;
    }
    const state = ctx.deps.store.read();
    const target = resolveStatusTarget(state, clickedValue(args) ?? '');
    if (!target.ok) {
      await respondToClick(args, errorReply(target.error, ctx.locale));
      return;
    }
    const standing = await loadStanding(ctx.deps, target.value, ctx.now);
    const post = buildStatusMessage(
      standing,
      { role: 'viewer', channelNames: channelSeesNames(state, channel, standing) },
      ctx.locale,
      { interactive: false, timeZone: ctx.deps.config.tz },
    );
    try {
      const by = context(`${S[ctx.locale].by} ${mentionUser(ctx.user)}`);
      const signed = {
        ...post,
        blocks: [...post.blocks, by],
        ...(post.plain ? { plain: [...post.plain, by] } : {}),
      };
      await ctx.deps.rich.send(args.body.team?.id, signed, (m) =>
        args.client.chat.postMessage({ channel, text: m.text, blocks: [...m.blocks] }),
      );
    } catch (error) {
      args.logger.warn(
        `share of ${standingTarget(standing)} by ${ctx.user} in ${channel} failed: ${slackError(error)}`,
      );
      await respondToClick(args, shareFailed(ctx.locale, error));
      return;
    }
    await respondToClick(
      args,
      message(S[ctx.locale].shared, [context(`:white_check_mark: ${S[ctx.locale].shared}`)]),
    );
  },
};
