import { anyAdmin, type Subcommand } from '../shell/deps.js';
import { buildWhoamiMessage } from '../views/whoami.js';

export const whoamiCommand: Subcommand = {
  name: 'whoami',
  usage: { en: '/winwin whoami', ko: '/winwin whoami' },
  summary: { en: 'your Slack id and role', ko: '내 Slack ID와 역할' },
  async run(ctx) {
    const noAdmin = !anyAdmin(ctx.deps.config, ctx.deps.store.read());
    await ctx.reply(buildWhoamiMessage({ locale: ctx.locale, user: ctx.user, role: ctx.role, noAdmin }));
  },
};
