import { describe, expect, it } from 'vitest';
import { parseConsoleArgs } from '../../src/console/args.js';

describe('parseConsoleArgs', () => {
  it('defaults to the console admin, no demo', () => {
    expect(parseConsoleArgs([])).toEqual({ ok: true, args: { user: undefined, demo: false, help: false } });
  });

  it('reads --demo, --help and --as in both spellings, upper-casing the id', () => {
    expect(parseConsoleArgs(['--demo', '--as', 'u0view001'])).toEqual({
      ok: true,
      args: { user: 'U0VIEW001', demo: true, help: false },
    });
    expect(parseConsoleArgs(['--as=U0EDIT001', '-h'])).toEqual({
      ok: true,
      args: { user: 'U0EDIT001', demo: false, help: true },
    });
  });

  it('takes WINWIN_CONSOLE_USER, with --as winning', () => {
    expect(parseConsoleArgs([], 'U0ENV0001')).toMatchObject({ ok: true, args: { user: 'U0ENV0001' } });
    expect(parseConsoleArgs(['--as', 'U0ARG0001'], 'U0ENV0001')).toMatchObject({
      args: { user: 'U0ARG0001' },
    });
    expect(parseConsoleArgs([], '  ')).toMatchObject({ args: { user: undefined } });
  });

  it('refuses unknown arguments, a missing id and ids that are not Slack user ids', () => {
    expect(parseConsoleArgs(['--force'])).toMatchObject({ ok: false });
    expect(parseConsoleArgs(['--as'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('--as needs'),
    });
    expect(parseConsoleArgs(['--as', 'C0CHANNEL'])).toMatchObject({ ok: false });
    expect(parseConsoleArgs([], 'x')).toMatchObject({ ok: false });
  });
});
