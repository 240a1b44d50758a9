import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * The shape Slack always gives each kind of request, checked before any listener runs. A body without
 * it (a forged or broken request that still carries a valid signature) is acknowledged and dropped with
 * one log line, instead of throwing inside a listener and answering HTTP 500.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const userId = (b: Json): unknown => (isObject(b.user) ? b.user.id : undefined);

/** Why `body` is not something Slack sends, or undefined when it is well formed. */
export const malformation = (body: unknown): string | undefined => {
  if (!isObject(body)) return 'not an object';
  if (typeof body.command === 'string') {
    return isText(body.user_id) && (body.text === undefined || typeof body.text === 'string')
      ? undefined
      : 'slash command without user_id or text';
  }
  switch (body.type) {
    case 'view_submission':
    case 'view_closed': {
      const view = body.view;
      if (!isText(userId(body))) return `${body.type} without user.id`;
      if (!isObject(view) || typeof view.callback_id !== 'string')
        return `${body.type} without view.callback_id`;
      if (body.type === 'view_submission' && !(isObject(view.state) && isObject(view.state.values)))
        return 'view_submission without view.state.values';
      if (view.private_metadata !== undefined && typeof view.private_metadata !== 'string')
        return 'view_submission with non-text private_metadata';
      return undefined;
    }
    case 'block_actions': {
      if (!isText(userId(body))) return 'block_actions without user.id';
      const actions = body.actions;
      if (!Array.isArray(actions) || actions.length === 0) return 'block_actions without actions';
      return actions.every(
        (a) => isObject(a) && isText(a.action_id) && (a.value === undefined || typeof a.value === 'string'),
      )
        ? undefined
        : 'block_actions with a malformed action';
    }
    case 'event_callback': {
      const event = body.event;
      if (!isObject(event) || !isText(event.type)) return 'event_callback without event.type';
      if (event.type === 'app_home_opened' && !isText(event.user)) return 'app_home_opened without user';
      return undefined;
    }
    default:
      return undefined;
  }
};

/** Global middleware: drops malformed requests (acknowledged, so Slack does not retry them). */
export const dropMalformed: Middleware<AnyMiddlewareArgs> = async (args) => {
  const why = malformation(args.body);
  if (why === undefined) {
    await args.next();
    return;
  }
  args.logger.warn(`ignored a malformed request: ${why}`);
  if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
};
