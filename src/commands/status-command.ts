import type { Subcommand } from '../shell/deps.js';
import { statusMessage } from '../shell/status-reply.js';

export const statusCommand: Subcommand = {
  name: 'status',
  aliases: ['현황'],
  usage: { en: '/winwin status [<target>]', ko: '/winwin status [<대상>]' },
  summary: {
    en: 'every sector, or one sector or program: capacity, gap, pledges, risk flags',
    ko: '전체 업종, 또는 한 업종·프로그램의 보증 규모, 부족분, 출연, 위험 신호',
  },
  async run(ctx) {
    await ctx.reply(
      await statusMessage(ctx.deps, {
        target: ctx.args.join(' '),
        audience: { role: ctx.role },
        locale: ctx.locale,
        now: ctx.now,
        interactive: true,
      }),
    );
  },
};
