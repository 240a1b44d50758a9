import { deniedText, hasRole, type ViewArgs, type WinwinContext } from '../../shell/deps.js';
import { refusalModal } from '../../views/confirmations.js';

/**
 * The role check of a modal submission that changes data, by the request's user id (never the
 * view's metadata): true for editors and admins; anyone else sees the modal replaced by the refusal.
 */
export const submittedByEditor = async (ack: ViewArgs['ack'], ctx: WinwinContext): Promise<boolean> => {
  if (hasRole(ctx.role, 'editor')) return true;
  await ack({ response_action: 'update', view: refusalModal(ctx.locale, deniedText(ctx)) });
  return false;
};
