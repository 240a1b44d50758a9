import { err, ok, type Result } from '../domain/result.js';
import type { Role } from '../domain/types.js';
import { WORDS } from '../i18n/common.js';
import {
  anyAdmin,
  type BoltCommandArgs,
  type CommandContext,
  contextFor,
  type Deps,
  hasRole,
  type RespondOptions,
  type Subcommand,
} from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { isStoreUnavailable } from '../storage/errors.js';
import { ephemeral, inChannel, type Message, message, section, warningMessage } from '../views/blocks.js';
import { escapeMrkdwn } from '../views/mrkdwn.js';
import { HELP_NAMES, helpMessage } from './help.js';
import { decodeSlackEntities, type Token, tokenize } from './tokenize.js';

export interface Dispatch {
  readonly subcommand: Subcommand;
  readonly name: string;
  readonly args: string[];
  readonly options: Record<string, string>;
}

/** Finds a subcommand by name or alias (case-insensitive). */
export const findSubcommand = (subcommands: readonly Subcommand[], name: string): Subcommand | undefined => {
  const wanted = name.toLowerCase();
  return subcommands.find((s) => s.name === wanted || (s.aliases ?? []).includes(wanted));
};

/** Splits the tokens after the subcommand into positional args and the options it declared. */
export const splitArgs = (
  subcommand: Subcommand,
  tokens: readonly Token[],
): Result<{ args: string[]; options: Record<string, string> }> => {
  const known = new Set(subcommand.options ?? []);
  const args: string[] = [];
  const options: Record<string, string> = {};
  for (const token of tokens) {
    if (token.option !== undefined && known.has(token.option.key)) {
      if (Object.hasOwn(options, token.option.key)) {
        return err('COMMAND.INVALID', { reason: 'duplicate_option', key: token.option.key });
      }
      options[token.option.key] = token.option.value;
    } else {
      args.push(token.text);
    }
  }
  return ok({ args, options });
};

// With no admin configured there is nobody to ask for a role, so the refusal says how to configure one.
const refusal = (ctx: { locale: CommandContext['locale']; deps: Deps }): Message => {
  const w = WORDS[ctx.locale];
  const text = anyAdmin(ctx.deps.config) ? w.deniedNeedsEditor : w.noAdminsConfigured;
  return message(text, [section(`:no_entry: ${escapeMrkdwn(text)}`)]);
};

/** The message a user sees when a handler failed unexpectedly: never silence. */
/** What the user hears when handling failed: the database being unreachable is said as such. */
export const failureMessage = (locale: CommandContext['locale'], error?: unknown): Message =>
  warningMessage(
    isStoreUnavailable(error) ? WORDS[locale].databaseUnreachable : WORDS[locale].somethingWentWrong,
  );

/** The `/winwin` listener: tokenize, dispatch through the registry, and make sure the user hears back. */
export const createCommandRouter =
  (deps: Deps, subcommands: readonly Subcommand[]) =>
  async ({ command, ack: boltAck, respond: boltRespond, client, logger }: BoltCommandArgs): Promise<void> => {
    deps.rich.seen(command.team_id);
    const base = contextFor(deps, command.user_id);
    const { locale } = base;
    const text = decodeSlackEntities(command.text ?? '').trim();

    let acked = false;
    const ack = async (m?: Message): Promise<void> => {
      if (acked) throw new Error('/winwin acknowledged twice');
      acked = true;
      await (m === undefined ? boltAck() : boltAck(ephemeral(deps.rich.forAck(m))));
    };
    const respond = async (message: Message, o: RespondOptions = {}): Promise<void> => {
      const m = deps.rich.forAck(message);
      const body = o.inChannel ? inChannel(m) : ephemeral(m);
      await boltRespond(
        o.replaceOriginal === undefined ? body : { ...body, replace_original: o.replaceOriginal },
      );
    };
    const reply = (m: Message): Promise<void> => (acked ? respond(m) : ack(m));

    const tokens = tokenize(text);
    if (!tokens.ok) return ack(helpMessage(deps, subcommands, locale, tokens.error));
    const [first, ...rest] = tokens.value;
    if (first === undefined || HELP_NAMES.includes(first.text.toLowerCase())) {
      return ack(helpMessage(deps, subcommands, locale));
    }
    const subcommand = findSubcommand(subcommands, first.text);
    if (subcommand === undefined) {
      return ack(
        helpMessage(deps, subcommands, locale, {
          code: 'COMMAND.INVALID',
          details: { reason: 'unknown_subcommand', name: first.text },
        }),
      );
    }
    const split = splitArgs(subcommand, rest);
    if (!split.ok) return ack(helpMessage(deps, subcommands, locale, split.error));

    const ctx: CommandContext = {
      ...base,
      subcommand: subcommand.name,
      args: split.value.args,
      options: split.value.options,
      text,
      channel: command.channel_id,
      triggerId: command.trigger_id,
      responseUrl: command.response_url,
      client,
      logger,
      get acked() {
        return acked;
      },
      ack,
      respond,
      reply,
      async require(role: Exclude<Role, 'viewer'>) {
        if (hasRole(base.role, role)) return true;
        await reply(refusal(base));
        return false;
      },
    };

    try {
      await subcommand.run(ctx);
      if (!acked) await ack();
    } catch (error) {
      // Log what failed and for whom, not the command text: it can hold confidential names.
      logger.error(`/winwin ${subcommand.name} failed for ${command.user_id}: ${describe(error)}`);
      try {
        await reply(failureMessage(locale, error));
      } catch (replyError) {
        logger.error(
          `/winwin ${subcommand.name}: could not tell the user about the failure: ${describe(replyError)}`,
        );
      }
    }
  };
