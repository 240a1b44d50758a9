import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, missingForSlack } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      botToken: undefined,
      signingSecret: undefined,
      appToken: undefined,
      apiUrl: 'https://slack.com/api/',
      port: 3000,
      dbPath: './data/winwin.json',
      databaseUrl: undefined,
      admins: [],
      editors: [],
      allowedTeams: [],
      locale: 'en',
      digestTime: '09:00',
      reminderTime: '09:00',
      tz: 'Asia/Seoul',
      richBlocks: false,
    });
  });

  it('reminders follow the digest time unless WINWIN_REMINDER_TIME says otherwise', () => {
    expect(loadConfig({ WINWIN_DIGEST_TIME: '08:15' }).reminderTime).toBe('08:15');
    expect(loadConfig({ WINWIN_DIGEST_TIME: '08:15', WINWIN_REMINDER_TIME: '10:00' }).reminderTime).toBe(
      '10:00',
    );
    expect(() => loadConfig({ WINWIN_REMINDER_TIME: '25:00' })).toThrow(/WINWIN_REMINDER_TIME/);
  });

  it('reads every variable, trims user lists and treats blank values as unset', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: '0123456789abcdef',
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: 'https://slack-gov.com/api',
      PORT: '8080',
      WINWIN_DB: '/var/lib/winwin/db.json',
      WINWIN_ADMINS: ' U0123ABCD , U0456EFGH,',
      WINWIN_EDITORS: 'W0789IJKL',
      WINWIN_ALLOWED_TEAMS: 'T0PARTNER1, E0ORG00001,',
      WINWIN_LOCALE: 'ko',
      WINWIN_DIGEST_TIME: '18:30',
      WINWIN_TZ: 'Europe/Paris',
      WINWIN_RICH_BLOCKS: 'on',
    });
    expect(config).toMatchObject({
      appToken: undefined,
      apiUrl: 'https://slack-gov.com/api/',
      port: 8080,
      admins: ['U0123ABCD', 'U0456EFGH'],
      editors: ['W0789IJKL'],
      allowedTeams: ['T0PARTNER1', 'E0ORG00001'],
      locale: 'ko',
      digestTime: '18:30',
      tz: 'Europe/Paris',
      richBlocks: true,
    });
    expect(loadConfig({ WINWIN_RICH_BLOCKS: 'off' }).richBlocks).toBe(false);
    expect(() => loadConfig({ WINWIN_RICH_BLOCKS: 'yes' })).toThrow(/WINWIN_RICH_BLOCKS: expected on or off/);
  });

  it('reads WINWIN_DATABASE_URL, refuses anything but a postgres:// URL, and never echoes it', () => {
    expect(loadConfig({ WINWIN_DATABASE_URL: 'postgres://winwin:pw@db:5432/winwin' }).databaseUrl).toBe(
      'postgres://winwin:pw@db:5432/winwin',
    );
    expect(() => loadConfig({ WINWIN_DATABASE_URL: 'mysql://root:hunter2@db/winwin' })).toThrow(
      /WINWIN_DATABASE_URL: expected a PostgreSQL URL/,
    );
    expect(() => loadConfig({ WINWIN_DATABASE_URL: 'mysql://root:hunter2@db/winwin' })).not.toThrow(
      /hunter2/,
    );
  });

  it('names every bad variable at once and never echoes a secret', () => {
    const secret = 'xoxp-super-secret-value';
    let error: unknown;
    try {
      loadConfig({
        SLACK_BOT_TOKEN: secret,
        SLACK_APP_TOKEN: 'secret-app-token',
        PORT: 'http',
        WINWIN_ADMINS: 'U0123ABCD,kim',
        WINWIN_ALLOWED_TEAMS: 'T0PARTNER1,acme',
        WINWIN_LOCALE: 'fr',
        WINWIN_DIGEST_TIME: '25:00',
        WINWIN_TZ: 'Mars/Olympus',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    for (const name of [
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'PORT',
      'WINWIN_ADMINS',
      'WINWIN_LOCALE',
      'WINWIN_DIGEST_TIME',
      'WINWIN_TZ',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('"kim" is not a Slack user id');
    expect(text).toContain('WINWIN_ALLOWED_TEAMS: "acme" is not a Slack team id');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('secret-app-token');
  });

  it('knows what npm start still needs', () => {
    expect(missingForSlack(loadConfig({}))).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(missingForSlack(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toEqual([]);
    expect(
      missingForSlack(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12' })),
    ).toEqual([]);
  });
});
