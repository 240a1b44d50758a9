/**
 * Text an attacker (or an unlucky copy-paste) puts into Winwin: Slack control sequences that ping or
 * disguise links, formatting markers, invisible and direction-changing characters, broken UTF-16,
 * over-long values and injection payloads for the formats Winwin writes (JSON, CSV, HTML).
 *
 * Ids inside these strings (U999…, C123…, S0123…) never belong to a harness user or channel, so any
 * `<@U999…>` found unescaped in Winwin's output came from user input.
 */

export interface HostileString {
  readonly name: string;
  readonly text: string;
}

const long = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

export const HOSTILE: readonly HostileString[] = [
  // Slack mentions and links: must render as text, ping nobody.
  { name: 'channel', text: '<!channel>' },
  { name: 'here', text: '<!here>' },
  { name: 'here-labelled', text: '<!here|here>' },
  { name: 'everyone', text: '<!everyone>' },
  { name: 'subteam', text: '<!subteam^S0123HOST|@security>' },
  { name: 'date-token', text: '<!date^1392734382^{date_pretty}|Feb 18>' },
  { name: 'user', text: '<@U999>' },
  { name: 'user-labelled', text: '<@U999HOSTILE|admin>' },
  { name: 'channel-ref', text: '<#C123>' },
  { name: 'channel-ref-labelled', text: '<#C123HOST|general>' },
  { name: 'link', text: '<https://evil.example|click>' },
  { name: 'link-bare', text: '<http://evil.example>' },
  { name: 'mailto', text: '<mailto:ceo@evil.example|Minister>' },
  { name: 'mention-in-name', text: 'Samsung <!channel> Electronics' },
  { name: 'pre-escaped', text: '&lt;!channel&gt;' },
  { name: 'double-escaped', text: '&amp;lt;@U999&amp;gt;' },
  { name: 'ampersand', text: 'AT&T & Sons' },
  { name: 'unclosed-angle', text: '<!channel' },
  { name: 'nested-angles', text: '<<!here>>' },
  { name: 'fake-user-in-link', text: '<https://evil.example|<@U999>>' },
  // Formatting markers.
  { name: 'bold', text: '*bold*' },
  { name: 'italic', text: '_x_' },
  { name: 'strike', text: '~x~' },
  { name: 'code', text: '`code`' },
  { name: 'code-block', text: '```\n<!channel>\n```' },
  { name: 'quote', text: '> quoted <!here>' },
  { name: 'unbalanced-markers', text: '*_~`' },
  { name: 'emoji-code', text: ':rotating_light: :skull:' },
  { name: 'pipe', text: 'a|b|c' },
  // Invisible, control and direction-changing characters.
  { name: 'nul', text: 'Hyundai\u0000Motor' },
  { name: 'controls', text: 'Kia\u0001\u0007\u001b[31mred\u001b[0m\u007f' },
  { name: 'c1-controls', text: 'POSCO\u0085\u009b' },
  { name: 'rtl-override', text: 'Coupang\u202etxt.exe' },
  { name: 'bidi-isolates', text: '\u2066LG\u2069\u2067\u200f' },
  { name: 'zero-width', text: 'Sam\u200bsung\u200c\u200d\ufeff' },
  { name: 'emoji-zwj', text: '👩‍👩‍👧‍👦 Family Corp 🏳️‍🌈' },
  { name: 'emoji-only', text: '💰💰💰' },
  { name: 'combining', text: 'Z\u0351\u0352\u0353\u0354a\u0355l\u0356g\u0357o' },
  { name: 'korean-nfd', text: '\u1112\u1161\u11ab\u1100\u1161\u11bc' },
  { name: 'newlines', text: 'line one\nline two\r\nline three\rfour' },
  { name: 'only-whitespace', text: ' \t\u3000 ' },
  { name: 'tabs', text: 'a\tb\tc' },
  // Broken UTF-16.
  { name: 'lone-high-surrogate', text: 'Bank\ud800' },
  { name: 'lone-low-surrogate', text: '\udc00Bank' },
  { name: 'reversed-pair', text: '\ude00\ud83d' },
  // Length.
  { name: '3001-chars', text: long('가', 3001) },
  { name: '10kB-name', text: long('Samsung Electronics ', 10_240) },
  { name: '10kB-mentions', text: long('<!channel> ', 10_240) },
  { name: 'emoji-3001', text: long('😀', 3001) },
  // Injection payloads for the formats Winwin writes.
  { name: 'json', text: '{"ok":true,"blocks":[{"type":"section"}]}"' },
  { name: 'json-breakout', text: '","text":"<!channel>' },
  { name: 'html', text: '<script>alert(1)</script><img src=x onerror=alert(1)>' },
  { name: 'sql', text: "Robert'); DROP TABLE pledges;--" },
  { name: 'csv-formula', text: "=cmd|' /C calc'!A0" },
  { name: 'csv-plus', text: '+1+1' },
  { name: 'csv-at', text: '@SUM(1+1)*cmd|" /C calc"!A0' },
  { name: 'csv-minus', text: "-2+3+cmd|' /C calc'!A0" },
  { name: 'csv-quotes', text: 'a","b\n"c' },
  { name: 'prototype', text: '__proto__' },
  { name: 'constructor', text: 'constructor' },
  { name: 'command-like', text: '/winwin access grant <@U999> admin' },
  { name: 'option-like', text: 'kind:bank status:paid' },
  { name: 'quote-chars', text: '"“”\'' },
  { name: 'url-encoded', text: '%3C%21channel%3E' },
  { name: 'backslashes', text: '\\u003c!channel\\u003e' },
];

/**
 * Where an unescaped Slack control sequence appears in `value` (Winwin's output: an ack body, a Web API
 * call, a view). Plain-text objects, input initial values, button/option values and private_metadata
 * are not parsed by Slack, so they may hold raw text. A mention of an id in `allowed` is Winwin's own.
 */
export const unescapedMarkup = (value: unknown, allowed: ReadonlySet<string> = new Set()): string[] => {
  const found: string[] = [];
  const check = (text: string, path: string): void => {
    for (const match of text.matchAll(/<(!|#|@|https?:|mailto:|tel:)([^>|]*)/gi)) {
      const [, kind, rest = ''] = match;
      if ((kind === '@' || kind === '#') && allowed.has(rest)) continue;
      found.push(`${path}: …${text.slice(Math.max(0, (match.index ?? 0) - 20), (match.index ?? 0) + 40)}…`);
    }
  };
  const walk = (v: unknown, path: string, parsed: boolean): void => {
    if (typeof v === 'string') {
      if (parsed) check(v, path);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, `${path}[${i}]`, parsed);
      });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const record = v as Record<string, unknown>;
    const plain = record.type === 'plain_text';
    for (const [key, inner] of Object.entries(record)) {
      const raw =
        (plain && key === 'text') ||
        key === 'initial_value' ||
        key === 'value' ||
        key === 'private_metadata' ||
        key === 'external_id';
      walk(inner, `${path}.${key}`, parsed && !raw);
    }
  };
  walk(value, '$', true);
  return found;
};
