import { AMOUNT_EXAMPLES } from '../domain/amount.js';
import { RECORDABLE_STATUSES, type RecordableStatus } from '../domain/pledges.js';
import { TEXT_LIMITS } from '../domain/text.js';
import { CONTRIBUTOR_KINDS, type ContributorKind, type Program, type State } from '../domain/types.js';
import {
  CONTRIBUTOR_KIND_LABELS,
  type Locale,
  type Localized,
  PLEDGE_STATUS_LABELS,
  WORDS,
} from '../i18n/common.js';
import { type KnownBlock, LIMITS, type ModalView, option, plainText, section } from './blocks.js';
import { PLEDGE_MODAL } from './ids.js';
import { encodeMetadata } from './metadata.js';
import { datepicker, describedOption, type OptionGroup, staticSelect, textInput } from './modal-inputs.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** What the pledge modal can open with. Every field is a suggestion the user may change. */
export interface PledgeModalPrefill {
  /** Program slug to preselect (ignored when it is not among the options, e.g. closed). */
  readonly program?: string;
  /** Offer only this sector's programs (when it has any open to pledges). */
  readonly sector?: string;
  readonly contributor?: string;
  readonly kind?: ContributorKind;
  /** As the user wrote it; validated on submission. */
  readonly amount?: string;
  readonly status?: RecordableStatus;
  readonly due?: string;
  readonly note?: string;
  /** Channel to confirm in (carried in private_metadata). */
  readonly channel?: string;
}

const F = PLEDGE_MODAL.fields;

const TEXT: Localized<{
  title: string;
  programPlaceholder: string;
  contributorHint: string;
  amountHint: string;
  statusHint: string;
  dueHint: string;
  noteHint: string;
  scheduleLabel: string;
  scheduleHint: string;
  noPrograms: string;
  tooMany: (shown: number, total: number) => string;
  close: string;
}> = {
  en: {
    title: 'Record pledge',
    programPlaceholder: 'Choose a program',
    contributorHint: 'The company, bank or body that pledges, as it should appear in reports.',
    amountHint: `The contribution in won, in any usual form: ${AMOUNT_EXAMPLES.slice(0, 6).join(', ')}.`,
    statusHint:
      'Verbal intent counts toward potential capacity only; a signed agreement or payment counts as confirmed.',
    dueHint: 'When the contribution is expected to be paid in (optional).',
    noteHint:
      'Context for colleagues (optional). Names of contributors who have not signed stay visible to editors only.',
    scheduleLabel: 'Installments',
    scheduleHint:
      'Expected installments (optional), as <amount> <date> pairs: 100억 2026-01-15 50억 2026-03-31. Their sum may not exceed the amount.',
    noPrograms: 'No program takes pledges yet. An editor or admin creates one with `/winwin program new`.',
    tooMany: (shown, total) =>
      `Showing ${shown} of ${total} programs. To find another, run /winwin pledge <sector> or /winwin pledge <program>.`,
    close: 'Close',
  },
  ko: {
    title: '출연 기록',
    programPlaceholder: '프로그램 선택',
    contributorHint: '출연하는 기업·은행·기관 이름 (보고서에 표시될 이름).',
    amountHint: `출연 금액(원). 흔히 쓰는 형식이면 됩니다: ${AMOUNT_EXAMPLES.slice(0, 6).join(', ')}.`,
    statusHint: '구두 의사는 추진 중 규모에만 반영되고, 협약 체결·출연 완료는 확정 규모에 반영됩니다.',
    dueHint: '출연금 납입 예정일 (선택).',
    noteHint: '동료를 위한 메모 (선택). 협약 전 출연자 이름은 편집자만 볼 수 있습니다.',
    scheduleLabel: '납입 일정',
    scheduleHint:
      '납입 예정 일정 (선택). <금액> <날짜> 쌍으로: 100억 2026-01-15 50억 2026-03-31. 합계는 출연액 이하.',
    noPrograms: '아직 출연을 받을 프로그램이 없습니다. 편집자나 관리자가 `/winwin program new`로 만드세요.',
    tooMany: (shown, total) =>
      `프로그램 ${total}개 중 ${shown}개를 표시합니다. 다른 프로그램은 /winwin pledge <업종> 또는 /winwin pledge <프로그램>으로 찾으세요.`,
    close: '닫기',
  },
};

/** Programs a pledge can go to: every one but the closed. */
const openPrograms = (programs: readonly Program[]): Program[] =>
  programs.filter((p) => p.status !== 'closed');

/**
 * The program options, grouped by sector in state order, within Slack's limits (100 groups, 100 options
 * per group). A preselected program is kept even when the limits cut its neighbours.
 */
export const programGroups = (
  catalog: Pick<State, 'sectors' | 'programs'>,
  selected?: string,
): { groups: OptionGroup[]; shown: number; total: number } => {
  const programs = openPrograms(catalog.programs);
  const names = [...catalog.sectors.map((s) => s.name)];
  for (const p of programs) if (!names.includes(p.sector)) names.push(p.sector);
  const all = names
    .map((name) => {
      const alias = catalog.sectors.find((s) => s.name === name)?.alias;
      const mine = programs.filter((p) => p.sector === name);
      return {
        name,
        label: alias === undefined ? name : `${name} · ${alias}`,
        options: keepSelected(
          mine.map((p) => describedOption(p.name, p.slug, p.slug)),
          LIMITS.options,
          selected,
        ),
      };
    })
    .filter((g) => g.options.length > 0);
  const groups = keepSelected(all, LIMITS.options, selected, (g) =>
    g.options.some((o) => o.value === selected),
  );
  const shown = groups.reduce((n, g) => n + g.options.length, 0);
  return {
    groups: groups.map((g) => ({ label: g.label, options: g.options })),
    shown,
    total: programs.length,
  };
};

/** The first `max` items, but with the selected one in place of the last when it would fall off. */
const keepSelected = <T>(
  items: readonly T[],
  max: number,
  selected: string | undefined,
  isSelected: (item: T) => boolean = (item) => (item as { value?: string }).value === selected,
): T[] => {
  if (items.length <= max) return [...items];
  const kept = items.slice(0, max);
  if (selected === undefined || kept.some(isSelected)) return kept;
  const wanted = items.find(isSelected);
  return wanted === undefined ? kept : [...kept.slice(0, max - 1), wanted];
};

/**
 * The pledge modal (callback_id `pledge`): program, contributor, kind, amount, status, due, note. With
 * `prefill.sector` only that sector's programs are offered; with no program open to pledges it explains
 * how to create one instead of showing an empty form.
 */
export const buildPledgeModal = (
  catalog: Pick<State, 'sectors' | 'programs'>,
  prefill: PledgeModalPrefill,
  locale: Locale,
): ModalView => {
  const t = TEXT[locale];
  const w = WORDS[locale];
  const metadata = encodeMetadata(prefill.channel === undefined ? {} : { channel: prefill.channel });
  const inSector =
    prefill.sector === undefined
      ? []
      : openPrograms(catalog.programs).filter((p) => p.sector === prefill.sector);
  const offered = inSector.length > 0 ? { ...catalog, programs: inSector } : catalog;
  const { groups, shown, total } = programGroups(offered, prefill.program);

  if (groups.length === 0) {
    return {
      type: 'modal',
      callback_id: PLEDGE_MODAL.callbackId,
      title: plainText(t.title, LIMITS.modalTitle),
      close: plainText(t.close, LIMITS.modalButton),
      private_metadata: metadata,
      blocks: [section(`:information_source: ${escapeMrkdwn(t.noPrograms)}`)],
    };
  }

  const blocks: KnownBlock[] = [
    staticSelect({
      field: F.program,
      label: w.program,
      groups,
      placeholder: t.programPlaceholder,
      ...(prefill.program === undefined ? {} : { initial: prefill.program }),
      ...(shown < total ? { hint: t.tooMany(shown, total) } : {}),
    }),
    textInput({
      field: F.contributor,
      label: w.contributor,
      hint: t.contributorHint,
      maxLength: TEXT_LIMITS.contributor,
      ...(prefill.contributor === undefined ? {} : { initial: prefill.contributor }),
    }),
    staticSelect({
      field: F.kind,
      label: w.kind,
      options: CONTRIBUTOR_KINDS.map((k) => option(CONTRIBUTOR_KIND_LABELS[locale][k], k)),
      initial: prefill.kind ?? 'corporation',
    }),
    textInput({
      field: F.amount,
      label: w.amount,
      hint: t.amountHint,
      placeholder: locale === 'ko' ? '630억' : '630억 or 63bn',
      maxLength: 60,
      ...(prefill.amount === undefined ? {} : { initial: prefill.amount }),
    }),
    staticSelect({
      field: F.status,
      label: w.status,
      hint: t.statusHint,
      options: RECORDABLE_STATUSES.map((s) => option(PLEDGE_STATUS_LABELS[locale][s], s)),
      initial: prefill.status ?? 'verbal',
    }),
    datepicker({
      field: F.due,
      label: w.due,
      hint: t.dueHint,
      optional: true,
      ...(prefill.due === undefined ? {} : { initial: prefill.due }),
    }),
    textInput({
      field: F.note,
      label: w.note,
      hint: t.noteHint,
      optional: true,
      multiline: true,
      maxLength: TEXT_LIMITS.note,
      ...(prefill.note === undefined ? {} : { initial: prefill.note }),
    }),
    textInput({
      field: F.schedule,
      label: t.scheduleLabel,
      hint: t.scheduleHint,
      optional: true,
      maxLength: 500,
    }),
  ];
  return {
    type: 'modal',
    callback_id: PLEDGE_MODAL.callbackId,
    title: plainText(t.title, LIMITS.modalTitle),
    submit: plainText(w.save, LIMITS.modalButton),
    close: plainText(w.cancel, LIMITS.modalButton),
    private_metadata: metadata,
    blocks,
  };
};
