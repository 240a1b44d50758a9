import { AMOUNT_EXAMPLES, MULTIPLE_EXAMPLES } from '../../domain/amount.js';
import type { DomainError } from '../../domain/result.js';
import type { PledgeStatus, ProgramStatus } from '../../domain/types.js';
import { type Locale, PLEDGE_STATUS_LABELS, PROGRAM_STATUS_LABELS } from '../../i18n/common.js';

/**
 * A domain failure in the user's language, as plain text (escape it before it reaches mrkdwn). The
 * domain's messages are English; the details it attaches let every locale say the same thing.
 */
export const errorText = (error: DomainError, locale: Locale): string => {
  const d = error.details ?? {};
  const str = (key: string): string | undefined =>
    typeof d[key] === 'string' ? (d[key] as string) : undefined;
  const list = (key: string): string[] =>
    Array.isArray(d[key]) ? (d[key] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const ko = locale === 'ko';
  const field = str('field');

  switch (error.code) {
    case 'AMOUNT.EMPTY':
    case 'AMOUNT.ZERO':
    case 'AMOUNT.NEGATIVE':
    case 'AMOUNT.FRACTION':
    case 'AMOUNT.TOO_LARGE':
    case 'AMOUNT.INVALID':
    case 'AMOUNT.AMBIGUOUS':
      return amountText(error, locale);
    case 'MULTIPLE.INVALID':
      return ko
        ? `배수를 읽을 수 없습니다. 0보다 크고 1000 이하, 소수점 여섯 자리까지 쓰세요. 예: ${MULTIPLE_EXAMPLES.join(', ')}.`
        : error.message;
    case 'DATE.INVALID':
      return ko ? '날짜는 YYYY-MM-DD 형식으로 쓰세요. 예: 2025-12-31.' : error.message;
    case 'TEXT.INVALID': {
      const name = fieldName(field, locale);
      if (d.reason === 'empty') return ko ? `${name}을(를) 입력하세요.` : `${capitalize(name)} is empty.`;
      const max = typeof d.max === 'number' ? d.max : undefined;
      const length = typeof d.length === 'number' ? d.length : undefined;
      return ko
        ? `${name}이(가) 너무 깁니다: 최대 ${max ?? '?'}자 (입력 ${length ?? '?'}자).`
        : `${capitalize(name)} is too long: at most ${max ?? '?'} characters (got ${length ?? '?'}).`;
    }
    case 'SECTOR.INVALID':
      return ko
        ? '새 업종 이름은 영문 소문자로 시작하는 2–31자의 영문 소문자, 숫자, - 입니다 (예: retail). 명령어(all, help, new, edit, none)나 기존 프로그램 슬러그, 기존 별칭은 쓸 수 없습니다.'
        : error.message;
    case 'PROGRAM.UNKNOWN': {
      const known = list('known');
      return ko ? `그런 프로그램이 없습니다. 등록된 프로그램: ${known.join(', ') || '없음'}.` : error.message;
    }
    case 'PROGRAM.SLUG_INVALID':
      return ko
        ? '슬러그는 2–48자의 영문 소문자, 숫자, - 입니다 (예: autos-hyundai). 명령어나 P7 같은 출연 ID 형태는 쓸 수 없습니다.'
        : error.message;
    case 'PROGRAM.SLUG_TAKEN':
      return ko
        ? `"${str('slug') ?? ''}"은(는) 이미 쓰이는 이름입니다. 다른 슬러그를 쓰세요.`
        : error.message;
    case 'PROGRAM.ILLEGAL_TRANSITION':
      return transitionText(
        str('subject') ?? '',
        (str('from') ?? '') as ProgramStatus,
        str('to') ?? '',
        list('allowed') as ProgramStatus[],
        PROGRAM_STATUS_LABELS[locale],
        locale,
      );
    case 'PLEDGE.ILLEGAL_TRANSITION':
      return transitionText(
        str('subject') ?? '',
        (str('from') ?? '') as PledgeStatus,
        str('to') ?? '',
        list('allowed') as PledgeStatus[],
        PLEDGE_STATUS_LABELS[locale],
        locale,
      );
    case 'PLEDGE.UNKNOWN':
      return ko ? `출연 ${str('id') ?? ''}이(가) 없습니다. ID는 P7처럼 씁니다.` : error.message;
    case 'PLEDGE.INVALID':
      if (field === 'program') return ko ? '종료된 프로그램은 새 출연을 받지 않습니다.' : error.message;
      return ko
        ? `${fieldName(field, locale)} 값이 올바르지 않습니다: ${list('allowed').join(', ')}.`
        : error.message;
    case 'PROGRAM.INVALID':
      return ko
        ? `${fieldName(field, locale)} 값이 올바르지 않습니다: ${list('allowed').join(', ')}.`
        : error.message;
    case 'TARGET.UNKNOWN': {
      const suggestions = list('suggestions');
      const known = list('known');
      const target = str('target') ?? '';
      if (!ko) return error.message;
      return `알 수 없는 대상 "${target}"입니다.${suggestions.length > 0 ? ` ${suggestions.join(' 또는 ')}을(를) 뜻하셨나요?` : ''} 등록된 대상: ${known.join(', ') || '없음'}.`;
    }
    case 'TARGET.AMBIGUOUS': {
      const programs = list('programs');
      const sector = str('sector') ?? '';
      if (programs.length === 0) {
        return ko
          ? `업종 ${sector}에는 아직 프로그램이 없습니다. /winwin program new ${sector}로 만드세요.`
          : `The sector ${sector} has no program yet. Create one with /winwin program new ${sector}.`;
      }
      return ko
        ? `업종 ${sector}에는 프로그램이 여러 개 있습니다. 프로그램을 지정하세요: ${programs.join(', ')}.`
        : `The sector ${sector} has several programs; name one of them: ${programs.join(', ')}.`;
    }
    case 'ACCESS.DENIED':
      return ko ? '권한이 없습니다.' : error.message;
    default:
      return error.message;
  }
};

const FIELD_NAMES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    contributor: 'the contributor',
    name: 'the name',
    note: 'the note',
    terms: 'the terms',
    reason: 'the reason',
    alias: 'the alias',
    sector: 'the sector',
    kind: 'the kind',
    status: 'the status',
    program: 'the program',
  },
  ko: {
    contributor: '출연자',
    name: '이름',
    note: '메모',
    terms: '지원 조건',
    reason: '사유',
    alias: '별칭',
    sector: '업종',
    kind: '구분',
    status: '상태',
    program: '프로그램',
  },
};

const fieldName = (field: string | undefined, locale: Locale): string =>
  (field === undefined ? undefined : FIELD_NAMES[locale][field]) ??
  field ??
  (locale === 'ko' ? '값' : 'the value');

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const AMOUNT_WHY: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    'AMOUNT.EMPTY': 'it is empty',
    'AMOUNT.ZERO': 'it is zero',
    'AMOUNT.NEGATIVE': 'it is negative; amounts are positive',
    'AMOUNT.FRACTION': 'it is not whole won',
    'AMOUNT.TOO_LARGE': 'it is above 1,000조 (1,000 trillion won); check the unit',
    'AMOUNT.INVALID': 'it is not a number with a unit',
  },
  ko: {
    'AMOUNT.EMPTY': '비어 있습니다',
    'AMOUNT.ZERO': '0입니다',
    'AMOUNT.NEGATIVE': '음수입니다. 금액은 양수여야 합니다',
    'AMOUNT.FRACTION': '원 단위 정수가 아닙니다',
    'AMOUNT.TOO_LARGE': '1,000조 원을 넘습니다. 단위를 확인하세요',
    'AMOUNT.INVALID': '숫자와 단위로 읽을 수 없습니다',
  },
};

/**
 * Why an amount was refused, with the accepted forms. The parser's own message (en) names the exact
 * problem, so English keeps it; Korean says it from the code. A bare `300` asks "did you mean 300억?".
 */
const amountText = (error: DomainError, locale: Locale): string => {
  const d = error.details ?? {};
  const input = typeof d.input === 'string' ? d.input.trim().slice(0, 40) : undefined;
  const suggestion = typeof d.suggestion === 'string' ? d.suggestion : undefined;
  const examples = AMOUNT_EXAMPLES.join(', ');
  if (locale === 'en') {
    if (input !== undefined) return error.message;
    return `Can't read the amount: ${AMOUNT_WHY.en[error.code] ?? 'it is not an amount'}. Write it like ${examples}.`;
  }
  const subject = input === undefined ? '금액을' : `"${input}"을(를) 금액으로`;
  if (error.code === 'AMOUNT.AMBIGUOUS' && suggestion !== undefined) {
    return `${subject} 읽을 수 없습니다: 단위가 없습니다. ${suggestion}을(를) 뜻하셨나요? 원 단위라면 끝에 원을 붙이세요. 예: ${examples}.`;
  }
  return `${subject} 읽을 수 없습니다: ${AMOUNT_WHY.ko[error.code] ?? '금액이 아닙니다'}. 예: ${examples}.`;
};

const transitionText = <S extends string>(
  subject: string,
  from: S,
  to: string,
  allowed: readonly S[],
  labels: Readonly<Record<S, string>>,
  locale: Locale,
): string => {
  const label = (s: string): string => {
    const l = (labels as Readonly<Record<string, string>>)[s];
    return l === undefined || l === s ? s : `${s} (${l})`;
  };
  const who = subject === '' ? '' : `${subject}: `;
  if (from === to) {
    return locale === 'ko' ? `${who}이미 ${label(from)} 상태입니다.` : `${who}already ${label(from)}.`;
  }
  if (allowed.length === 0) {
    return locale === 'ko'
      ? `${who}${label(from)}은(는) 최종 상태라 ${label(to)}(으)로 바꿀 수 없습니다.${from === 'paid' ? ' 금액을 고치려면 /winwin set <출연 ID> amount <금액> <사유>를 쓰세요.' : ''}`
      : `${who}${label(from)} is final: it cannot become ${label(to)}.${from === 'paid' ? ' To fix its figures, use /winwin set <pledge-id> amount <amount> <reason>.' : ''}`;
  }
  const options = allowed.map(label).join(', ');
  return locale === 'ko'
    ? `${who}${label(from)}에서 ${label(to)}(으)로 바꿀 수 없습니다. 가능한 상태: ${options}.`
    : `${who}cannot go from ${label(from)} to ${label(to)}. Allowed: ${options}.`;
};
