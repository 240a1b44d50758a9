import type { RiskCode } from '../domain/risk.js';
import type { ContributorKind, GuaranteeStatus, PledgeStatus, ProgramStatus, Role } from '../domain/types.js';

/**
 * Labels shared by every surface. Feature views keep their own strings next to them; only words that
 * more than one view needs live here, so "paid" reads the same in status, history and App Home.
 */

export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

/** A string (or anything) in every locale Winwin speaks; the compiler catches a missing translation. */
export type Localized<T = string> = { readonly [L in Locale]: T };

export const pick = <T>(localized: Localized<T>, locale: Locale): T => localized[locale];

export const PLEDGE_STATUS_LABELS: Localized<Record<PledgeStatus, string>> = {
  en: {
    verbal: 'verbal intent',
    committed: 'agreement signed',
    paid: 'paid in',
    suspended: 'suspended',
    withdrawn: 'withdrawn',
  },
  ko: {
    verbal: '구두 의사',
    committed: '협약 체결',
    paid: '출연 완료',
    suspended: '논의 중단',
    withdrawn: '철회',
  },
};

export const PROGRAM_STATUS_LABELS: Localized<Record<ProgramStatus, string>> = {
  en: {
    negotiating: 'in talks',
    announced: 'announced',
    launched: 'launched',
    on_hold: 'on hold',
    closed: 'closed',
  },
  ko: {
    negotiating: '협의 중',
    announced: '협약 발표',
    launched: '보증 개시',
    on_hold: '보류',
    closed: '종료',
  },
};

export const CONTRIBUTOR_KIND_LABELS: Localized<Record<ContributorKind, string>> = {
  en: { corporation: 'corporation', bank: 'bank', public: 'public body', other: 'other' },
  ko: { corporation: '기업', bank: '은행', public: '공공기관', other: '기타' },
};

export const GUARANTEE_STATUS_LABELS: Localized<Record<GuaranteeStatus, string>> = {
  en: { active: 'active', repaid: 'repaid', expired: 'expired', cancelled: 'cancelled' },
  ko: { active: '유효', repaid: '상환', expired: '만료', cancelled: '취소' },
};

export const ROLE_LABELS: Localized<Record<Role, string>> = {
  en: { admin: 'admin', editor: 'editor', viewer: 'viewer' },
  ko: { admin: '관리자', editor: '편집자', viewer: '열람자' },
};

/** Short names of the domain's risk flags (src/domain/risk.ts); views add the details each flag carries. */
export const RISK_FLAG_LABELS: Localized<Record<RiskCode, string>> = {
  en: {
    deadline: 'announcement deadline',
    suspended: 'suspended pledges',
    concentration: 'depends on one contributor',
    unsigned: 'nothing signed yet',
    multiple: 'unusual multiple',
    utilization: 'capacity almost used',
    underused: 'guarantees slow to start',
    installment: 'overdue installment',
    nextStep: 'overdue next step',
    stale: 'stale talks',
  },
  ko: {
    deadline: '발표 기한',
    suspended: '논의 중단된 출연',
    concentration: '단일 출연자 의존',
    unsigned: '협약 체결 없음',
    multiple: '비정상 배수',
    utilization: '보증 한도 소진 임박',
    underused: '보증 공급 부진',
    installment: '납입 연체',
    nextStep: '다음 단계 기한 경과',
    stale: '정체된 협의',
  },
};

export const riskFlagLabel = (code: RiskCode, locale: Locale): string => RISK_FLAG_LABELS[locale][code];

/** Words many views need. */
export const WORDS: Localized<{
  target: string;
  confirmed: string;
  pipeline: string;
  capacity: string;
  gap: string;
  multiple: string;
  stillNeeded: string;
  contributor: string;
  kind: string;
  amount: string;
  status: string;
  due: string;
  note: string;
  reason: string;
  sector: string;
  program: string;
  programs: string;
  pledges: string;
  riskFlags: string;
  none: string;
  lastChange: string;
  undisclosed: string;
  role: string;
  yourId: string;
  share: string;
  next: string;
  previous: string;
  page: string;
  cancel: string;
  submit: string;
  save: string;
  error: string;
  somethingWentWrong: string;
  databaseUnreachable: string;
  deniedNeedsEditor: string;
  noAdminsConfigured: string;
  strangerRefused: string;
  paidIn: string;
  paidInBacks: (paid: string, capacity: string) => string;
}> = {
  en: {
    paidIn: 'Paid in',
    paidInBacks: (paid, capacity) => `${paid}, backing ${capacity}`,
    target: 'Target',
    confirmed: 'Confirmed',
    pipeline: 'Pipeline',
    capacity: 'Capacity',
    gap: 'Gap',
    multiple: 'Multiple',
    stillNeeded: 'Contribution still needed',
    contributor: 'Contributor',
    kind: 'Kind',
    amount: 'Amount',
    status: 'Status',
    due: 'Expected payment',
    note: 'Note',
    reason: 'Reason',
    sector: 'Sector',
    program: 'Program',
    programs: 'Programs',
    pledges: 'Pledges',
    riskFlags: 'Risk flags',
    none: 'none',
    lastChange: 'Last change',
    undisclosed: 'undisclosed contributor',
    role: 'Role',
    yourId: 'Your Slack id',
    share: 'Share in channel',
    next: 'Next',
    previous: 'Previous',
    page: 'Page',
    cancel: 'Cancel',
    submit: 'Submit',
    save: 'Save',
    error: 'Error',
    somethingWentWrong:
      'Something went wrong on our side while handling this request. Check with `/winwin status` or `/winwin history` whether it took effect before trying again; if it keeps failing, tell an admin.',
    databaseUnreachable: "Winwin can't reach its database; nothing was changed, try again.",
    deniedNeedsEditor: 'Only editors and admins can change data. Ask an admin to grant you the editor role.',
    noAdminsConfigured:
      'No admin is configured, so nobody can change anything yet. Set WINWIN_ADMINS to a comma-separated list of Slack user ids (e.g. WINWIN_ADMINS=U0123ABCD) and restart Winwin.',
    strangerRefused:
      'Sorry, Winwin is available only to members of the organization that runs it. If you need access, please ask your contact there.',
  },
  ko: {
    target: '목표',
    paidIn: '납입',
    paidInBacks: (paid, capacity) => `${paid} (보증 가능 ${capacity})`,
    confirmed: '확정',
    pipeline: '추진 중 포함',
    capacity: '보증 규모',
    gap: '부족분',
    multiple: '배수',
    stillNeeded: '추가로 필요한 출연금',
    contributor: '출연자',
    kind: '구분',
    amount: '금액',
    status: '상태',
    due: '납입 예정일',
    note: '메모',
    reason: '사유',
    sector: '업종',
    program: '프로그램',
    programs: '프로그램',
    pledges: '출연',
    riskFlags: '위험 신호',
    none: '없음',
    lastChange: '최근 변경',
    undisclosed: '비공개 출연자',
    role: '역할',
    yourId: 'Slack ID',
    share: '채널에 공유',
    next: '다음',
    previous: '이전',
    page: '페이지',
    cancel: '취소',
    submit: '제출',
    save: '저장',
    error: '오류',
    somethingWentWrong:
      '요청을 처리하는 중 오류가 발생했습니다. 다시 시도하기 전에 `/winwin status` 또는 `/winwin history`로 반영 여부를 확인하시고, 계속 실패하면 관리자에게 알려 주세요.',
    databaseUnreachable:
      'Winwin이 데이터베이스에 연결할 수 없습니다. 아무것도 변경되지 않았으니 다시 시도해 주세요.',
    deniedNeedsEditor: '편집자와 관리자만 데이터를 변경할 수 있습니다. 관리자에게 편집자 권한을 요청하세요.',
    noAdminsConfigured:
      '관리자가 설정되지 않아 아직 아무도 데이터를 변경할 수 없습니다. WINWIN_ADMINS에 Slack 사용자 ID를 쉼표로 구분해 지정하고(예: WINWIN_ADMINS=U0123ABCD) Winwin을 다시 시작하세요.',
    strangerRefused:
      '죄송합니다. Winwin은 이 앱을 운영하는 기관의 구성원만 사용할 수 있습니다. 이용이 필요하시면 해당 기관의 담당자에게 문의해 주세요.',
  },
};
