import type { DomainError } from '../domain/result.js';
import type { Locale, Localized } from '../i18n/common.js';
import { anyAdmin, type Deps, type Subcommand } from './deps.js';
import type { Message } from './views/blocks.js';
import { buildHelpMessage } from './views/help.js';

/** Names that show help instead of running a subcommand. */
export const HELP_NAMES: readonly string[] = ['help', '?', '도움말'];

const UNKNOWN: Localized<(name: string) => string> = {
  en: (name) => `Unknown subcommand "${name}". Here is what Winwin understands:`,
  ko: (name) => `알 수 없는 명령 "${name}"입니다. Winwin이 이해하는 명령은 다음과 같습니다:`,
};

const UNTERMINATED: Localized<(position: number) => string> = {
  en: (p) => `A quote opened at character ${p} is never closed. Close it with " (or ”) and try again.`,
  ko: (p) => `${p}번째 글자에서 연 따옴표가 닫히지 않았습니다. " (또는 ”)로 닫고 다시 시도하세요.`,
};

const DUPLICATE_OPTION: Localized<(key: string) => string> = {
  en: (key) => `The option ${key}: is given more than once. Give it once.`,
  ko: (key) => `옵션 ${key}:가 두 번 이상 있습니다. 한 번만 쓰세요.`,
};

/** A problem with the command text itself, in the user's language. */
export const commandErrorText = (error: DomainError, locale: Locale): string => {
  const d = error.details ?? {};
  if (d.reason === 'unterminated_quote' && typeof d.position === 'number')
    return UNTERMINATED[locale](d.position + 1);
  if (d.reason === 'unknown_subcommand' && typeof d.name === 'string') return UNKNOWN[locale](d.name);
  if (d.reason === 'duplicate_option' && typeof d.key === 'string') return DUPLICATE_OPTION[locale](d.key);
  return error.message;
};

export const helpMessage = (
  deps: Deps,
  subcommands: readonly Subcommand[],
  locale: Locale,
  error?: DomainError,
): Message =>
  buildHelpMessage({
    locale,
    lines: subcommands.map((s) => ({ name: s.name, usage: s.usage[locale], summary: s.summary[locale] })),
    ...(error === undefined ? {} : { error: commandErrorText(error, locale) }),
    noAdmin: !anyAdmin(deps.config, deps.store.read()),
  });
