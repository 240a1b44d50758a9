import { AMOUNT_EXAMPLES, formatWon, MULTIPLE_EXAMPLES } from '../domain/amount.js';
import { allowedProgramTransitions, CREATION_STATUSES } from '../domain/programs.js';
import { TEXT_LIMITS } from '../domain/text.js';
import type { Program, ProgramStatus, Sector } from '../domain/types.js';
import { type Locale, type Localized, PROGRAM_STATUS_LABELS, WORDS } from '../i18n/common.js';
import { type KnownBlock, LIMITS, type ModalView, option, plainText } from './blocks.js';
import { PROGRAM_MODAL } from './ids.js';
import { encodeMetadata } from './metadata.js';
import { datepicker, staticSelect, textInput } from './modal-inputs.js';

export interface ProgramModalOptions {
  /** Channel to confirm in (carried in private_metadata). */
  readonly channel?: string;
  /** Sector to fill in for a new program. */
  readonly sector?: string;
}

const F = PROGRAM_MODAL.fields;

const TEXT: Localized<{
  titleNew: string;
  titleEdit: string;
  name: string;
  slug: string;
  announceBy: string;
  terms: string;
  supplierCap: string;
  supplierCapHint: string;
  sectorHint: (known: string) => string;
  nameHint: string;
  slugHintNew: string;
  slugHintEdit: string;
  targetHint: string;
  multipleHint: string;
  statusHintNew: string;
  statusHintEdit: string;
  announceHint: string;
  termsHint: string;
}> = {
  en: {
    titleNew: 'New program',
    titleEdit: 'Edit program',
    name: 'Name',
    slug: 'Short id (slug)',
    announceBy: 'Announcement targeted by',
    terms: 'Terms for suppliers',
    supplierCap: 'Cap per supplier',
    supplierCapHint:
      'The most one supplier may hold in active guarantees, e.g. 70억 (optional; empty means no cap).',
    sectorHint: (known) =>
      `A sector name or its Korean alias${known === '' ? '' : ` (known: ${known})`}. A new name (lowercase letters, digits, -) creates the sector.`,
    nameHint: 'e.g. Hyundai Motor & Kia + Hana Bank win-win guarantee',
    slugHintNew:
      'Used in commands, e.g. autos-hyundai: lowercase letters, digits and -. Leave empty to derive one from the sector and name.',
    slugHintEdit: "A program's slug never changes; scripts and channels refer to it.",
    targetHint: `Headline guarantee capacity in won: ${AMOUNT_EXAMPLES.slice(0, 5).join(', ')}.`,
    multipleHint: `Guarantee capacity ÷ contributions, e.g. ${MULTIPLE_EXAMPLES.slice(0, 3).join(', ')} (autos: 15.75).`,
    statusHintNew: 'A program starts in talks, announced or launched.',
    statusHintEdit: 'Only the moves its lifecycle allows are offered.',
    announceHint: 'The date the announcement is targeted for (optional).',
    termsHint: 'Rate cut, guarantee term, fee, ratio, eligibility (optional).',
  },
  ko: {
    titleNew: '새 프로그램',
    titleEdit: '프로그램 편집',
    name: '이름',
    slug: '짧은 ID (슬러그)',
    announceBy: '발표 목표일',
    terms: '협력사 지원 조건',
    supplierCap: '업체당 보증 한도',
    supplierCapHint: '한 업체가 받을 수 있는 유효 보증의 최대 금액, 예: 70억 (선택, 비우면 한도 없음).',
    sectorHint: (known) =>
      `업종 이름 또는 한국어 별칭${known === '' ? '' : ` (등록된 업종: ${known})`}. 새 이름(영문 소문자, 숫자, -)을 쓰면 업종이 새로 만들어집니다.`,
    nameHint: '예: 현대차·기아 + 하나은행 상생 보증',
    slugHintNew:
      '명령에 쓰는 ID, 예: autos-hyundai (영문 소문자, 숫자, -). 비워 두면 업종과 이름으로 만듭니다.',
    slugHintEdit: '프로그램의 슬러그는 바꿀 수 없습니다. 스크립트와 채널이 이 ID를 씁니다.',
    targetHint: `발표 보증 규모(원): ${AMOUNT_EXAMPLES.slice(0, 5).join(', ')}.`,
    multipleHint: `보증 규모 ÷ 출연금, 예: ${MULTIPLE_EXAMPLES.slice(0, 3).join(', ')} (자동차: 15.75).`,
    statusHintNew: '새 프로그램은 협의 중, 협약 발표, 보증 개시 중 하나로 시작합니다.',
    statusHintEdit: '현재 상태에서 갈 수 있는 상태만 보입니다.',
    announceHint: '발표 목표일 (선택).',
    termsHint: '금리 인하, 보증 기간, 보증료, 보증 비율, 지원 대상 (선택).',
  },
};

/** The statuses the modal offers: a new program's starting points, or the current one and its moves. */
export const offeredProgramStatuses = (program?: Pick<Program, 'status' | 'heldFrom'>): ProgramStatus[] =>
  program === undefined ? [...CREATION_STATUSES] : [program.status, ...allowedProgramTransitions(program)];

/**
 * The program modal (callback_id `program`): sector, name, slug, target, multiple, status, announce_by,
 * supplier_cap, terms, note. With `program` it edits that program (its slug travels in private_metadata as a hint;
 * the submission re-loads it from the store).
 */
export const buildProgramModal = (
  sectors: readonly Sector[],
  program: Program | undefined,
  locale: Locale,
  options: ProgramModalOptions = {},
): ModalView => {
  const t = TEXT[locale];
  const w = WORDS[locale];
  const known = sectors.map((s) => (s.alias === undefined ? s.name : `${s.name} ${s.alias}`)).join(', ');
  const statuses = offeredProgramStatuses(program);
  const sector = program?.sector ?? options.sector;
  const blocks: KnownBlock[] = [
    textInput({
      field: F.sector,
      label: w.sector,
      hint: t.sectorHint(known),
      maxLength: 40,
      ...(sector === undefined ? {} : { initial: sector }),
    }),
    textInput({
      field: F.name,
      label: t.name,
      hint: t.nameHint,
      maxLength: TEXT_LIMITS.name,
      ...(program === undefined ? {} : { initial: program.name }),
    }),
    textInput({
      field: F.slug,
      label: t.slug,
      hint: program === undefined ? t.slugHintNew : t.slugHintEdit,
      optional: true,
      maxLength: 48,
      ...(program === undefined ? {} : { initial: program.slug }),
    }),
    textInput({
      field: F.target,
      label: w.target,
      hint: t.targetHint,
      maxLength: 60,
      ...(program === undefined ? {} : { initial: formatWon(program.target, locale) }),
    }),
    textInput({
      field: F.multiple,
      label: w.multiple,
      hint: t.multipleHint,
      maxLength: 20,
      ...(program === undefined ? {} : { initial: program.multiple.toString() }),
    }),
    staticSelect({
      field: F.status,
      label: w.status,
      hint: program === undefined ? t.statusHintNew : t.statusHintEdit,
      options: statuses.map((s) => option(PROGRAM_STATUS_LABELS[locale][s], s)),
      initial: program?.status ?? 'negotiating',
    }),
    datepicker({
      field: F.announceBy,
      label: t.announceBy,
      hint: t.announceHint,
      optional: true,
      ...(program?.announceBy === undefined ? {} : { initial: program.announceBy }),
    }),
    textInput({
      field: F.supplierCap,
      label: t.supplierCap,
      hint: t.supplierCapHint,
      optional: true,
      maxLength: 60,
      ...(program?.supplierCap === undefined ? {} : { initial: formatWon(program.supplierCap, locale) }),
    }),
    textInput({
      field: F.terms,
      label: t.terms,
      hint: t.termsHint,
      optional: true,
      multiline: true,
      maxLength: TEXT_LIMITS.terms,
      ...(program?.terms === undefined ? {} : { initial: program.terms }),
    }),
    textInput({
      field: F.note,
      label: w.note,
      optional: true,
      multiline: true,
      maxLength: TEXT_LIMITS.note,
      ...(program?.note === undefined ? {} : { initial: program.note }),
    }),
  ];
  return {
    type: 'modal',
    callback_id: PROGRAM_MODAL.callbackId,
    title: plainText(program === undefined ? t.titleNew : t.titleEdit, LIMITS.modalTitle),
    submit: plainText(w.save, LIMITS.modalButton),
    close: plainText(w.cancel, LIMITS.modalButton),
    private_metadata: encodeMetadata({
      ...(options.channel === undefined ? {} : { channel: options.channel }),
      ...(program === undefined ? {} : { program: program.slug }),
    }),
    blocks,
  };
};
