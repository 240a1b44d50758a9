import type { ActionListener, HomeListener, Subcommand, ViewListener } from '../shell/deps.js';
import { accessCommand } from './access.js';
import { capacityCommand } from './capacity.js';
import { digestCommand } from './digest.js';
import { exportCommand } from './export.js';
import { guaranteeCommand } from './guarantee.js';
import { guaranteesCommand } from './guarantees.js';
import { historyCommand } from './history.js';
import { homeNewProgram, homeOpened, homeOpenStatus, homePage, homeRecordPledge } from './home.js';
import { importCommand, importConfirmSubmission, importSubmission } from './import.js';
import { mineCommand } from './mine.js';
import { pledgeSubmission } from './modals/pledge-submission.js';
import { programSubmission } from './modals/program-submission.js';
import { nextCommand } from './next.js';
import { ownerCommand } from './owner.js';
import { payCommand } from './pay.js';
import { pledgeCommand } from './pledge.js';
import { pledgeSetStatusAction } from './pledge-controls.js';
import { programCommand } from './program.js';
import { reminderDoneAction, reminderSnoozeDayAction, reminderSnoozeWeekAction } from './reminder-buttons.js';
import { scheduleCommand } from './schedule.js';
import { setCommand } from './set.js';
import { shareStatusAction } from './share.js';
import { statusCommand } from './status-command.js';
import { statusNextAction, statusPrevAction } from './status-pages.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionsCommand, subscriptionsPageAction } from './subscriptions.js';
import { unsubscribeCommand } from './unsubscribe.js';
import { whoamiCommand } from './whoami.js';

/**
 * Everything Winwin answers. To add a surface, write it in its own file and append ONE line to the
 * matching list; `help` and `/winwin` with no text are built in.
 */

/** `/winwin <name>` handlers, in the order help lists them. */
export const subcommands: readonly Subcommand[] = [
  whoamiCommand,
  accessCommand,
  statusCommand,
  pledgeCommand,
  setCommand,
  payCommand,
  scheduleCommand,
  ownerCommand,
  nextCommand,
  mineCommand,
  programCommand,
  guaranteeCommand,
  guaranteesCommand,
  importCommand,
  capacityCommand,
  historyCommand,
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
  digestCommand,
  exportCommand,
];

/** Modal submissions, by callback_id (see ids.ts). */
export const views: readonly ViewListener[] = [
  pledgeSubmission,
  programSubmission,
  importSubmission,
  importConfirmSubmission,
];

/** Buttons and menus, by action_id (see ids.ts). */
export const actions: readonly ActionListener[] = [
  shareStatusAction,
  pledgeSetStatusAction,
  statusPrevAction,
  statusNextAction,
  homeRecordPledge,
  homeNewProgram,
  homePage,
  homeOpenStatus,
  subscriptionsPageAction,
  reminderDoneAction,
  reminderSnoozeDayAction,
  reminderSnoozeWeekAction,
];

/** App Home. */
export const home: readonly HomeListener[] = [homeOpened];
