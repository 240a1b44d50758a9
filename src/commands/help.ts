import type { DomainError } from '../domain/result.js';
import type { Locale } from '../i18n/common.js';
import { anyAdmin, type Deps, type Subcommand } from '../shell/deps.js';
import type { Message } from '../views/blocks.js';
import { errorText } from '../views/error-text.js';
import { buildHelpMessage } from '../views/help.js';

/** Names that show help instead of running a subcommand. */
export const HELP_NAMES: readonly string[] = ['help', '?', '도움말'];

export const helpMessage = (
  deps: Deps,
  subcommands: readonly Subcommand[],
  locale: Locale,
  error?: DomainError,
): Message =>
  buildHelpMessage({
    locale,
    lines: subcommands.map((s) => ({ name: s.name, usage: s.usage[locale], summary: s.summary[locale] })),
    ...(error === undefined ? {} : { error: errorText(error, locale, 'plain') }),
    noAdmin: !anyAdmin(deps.config, deps.store.read()),
  });
