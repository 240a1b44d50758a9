/**
 * Every user string that reaches mrkdwn goes through `escapeMrkdwn`. Slack only forms mentions
 * (`<!channel>`, `<@U1>`) and links (`<https://x|y>`) from literal angle brackets, so turning `&`, `<`
 * and `>` into entities makes hostile text render as text. Control characters and bidi overrides are
 * dropped too: they can't be seen, and an RTL override can make a name read as something else.
 */

// C0/C1 controls except tab and newline, and the bidi embedding/override/isolate characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// Half a surrogate pair (user input cut in the middle of an emoji) is not valid UTF-8: Slack rejects it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Removes characters that are invisible or reorder text, and broken surrogate halves; for plain_text
 * fields, mrkdwn and fallback text alike.
 */
export const stripInvisible = (text: string): string =>
  text.replace(INVISIBLE, '').replace(LONE_SURROGATE, '');

export const escapeMrkdwn = (text: string): string =>
  stripInvisible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Slack has no escape for formatting markers, so a marker inside user text would end the span early;
// a look-alike keeps the text readable and the span intact.
/** Bold user text: `*text*`, escaped, with any `*` inside replaced by a look-alike. */
export const bold = (text: string): string => `*${escapeMrkdwn(text).replace(/\*/g, '\u2217')}*`;

/** Inline code of user text, escaped, with backticks inside replaced by a look-alike. */
export const code = (text: string): string => `\`${escapeMrkdwn(text).replace(/`/g, '\u02cb')}\``;

/** Italic user text. */
export const italic = (text: string): string => `_${escapeMrkdwn(text).replace(/_/g, '\uff3f')}_`;

/** A real user mention, for ids Winwin knows are Slack user ids (never for user-typed text). */
export const mentionUser = (userId: string): string =>
  /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
