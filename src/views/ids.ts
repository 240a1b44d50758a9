/**
 * Every callback_id, block_id and action_id Winwin uses, in one place. Modal ids and field names are a
 * public contract (issue 3): tests and operators script against them, so never rename one.
 * In modals each input's block_id and action_id are both the field name.
 */

export const COMMAND = '/winwin' as const;

export const PLEDGE_MODAL = {
  callbackId: 'pledge',
  fields: {
    program: 'program',
    contributor: 'contributor',
    kind: 'kind',
    amount: 'amount',
    status: 'status',
    due: 'due',
    note: 'note',
    /** Optional expected installments, `<amount> <date>` pairs (issue 10). */
    schedule: 'schedule',
  },
} as const;

export const PROGRAM_MODAL = {
  callbackId: 'program',
  fields: {
    sector: 'sector',
    name: 'name',
    slug: 'slug',
    target: 'target',
    multiple: 'multiple',
    status: 'status',
    announceBy: 'announce_by',
    /** Optional: the most one supplier may hold in active guarantees (an amount). */
    supplierCap: 'supplier_cap',
    terms: 'terms',
    note: 'note',
  },
} as const;

/**
 * `/winwin import guarantees <program>`: the file modal (`callbackId`, one `file_input` field `file`),
 * then the preview it turns into (`confirmCallbackId`; submitting it stores the import).
 */
export const IMPORT_MODAL = {
  callbackId: 'guarantee_import',
  confirmCallbackId: 'guarantee_import_confirm',
  fields: { file: 'file' },
} as const;

export type PledgeField = (typeof PLEDGE_MODAL.fields)[keyof typeof PLEDGE_MODAL.fields];
export type ProgramField = (typeof PROGRAM_MODAL.fields)[keyof typeof PROGRAM_MODAL.fields];

/** Buttons and menus. Values carry ids only (a slug, a pledge id, a page number); never trust them for roles. */
export const ACTIONS = {
  /** "Share in channel" under a status reply; value = the target. */
  shareStatus: 'status_share',
  /** Per-pledge controls for editors; value = pledge id. */
  pledgeSetStatus: 'pledge_set_status',
  pledgeEdit: 'pledge_edit',
  /** App Home. */
  homeRecordPledge: 'home_record_pledge',
  homeNewProgram: 'home_new_program',
  homeOpenStatus: 'home_open_status',
  /** App Home's sector pages; value = the page number to show (0-based). */
  homePagePrev: 'home_page_prev',
  homePageNext: 'home_page_next',
  /** Pagination of long lists; value = JSON {target?, page}. */
  pagePrev: 'page_prev',
  pageNext: 'page_next',
  /** `/winwin subscriptions all` pages (admins); value = the page number (0-based). */
  subscriptionsPage: 'subscriptions_page',
  /** Reminder DM buttons; value = pledge id. */
  reminderDone: 'reminder_done',
  reminderSnoozeDay: 'reminder_snooze_day',
  reminderSnoozeWeek: 'reminder_snooze_week',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

export const BLOCKS = {
  statusActions: 'status_actions',
  pledgeControls: 'pledge_controls',
  homeActions: 'home_actions',
  pagination: 'pagination',
  subscriptionsPagination: 'subscriptions_pagination',
} as const;
