import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modalFields, parseAnswer, stateValues } from '../../src/console/modal.js';
import { renderBlocks, renderMessage, renderMrkdwn } from '../../src/console/render.js';
import { isIsoDate } from '../../src/domain/dates.js';

describe('renderMrkdwn', () => {
  it('decodes entities, mentions, channels and links', () => {
    expect(renderMrkdwn('HL &amp; Hana &lt;b&gt;')).toBe('HL & Hana <b>');
    expect(renderMrkdwn('<@U0123ABCD> in <#C0123|winwin>')).toBe('@U0123ABCD in #winwin');
    expect(renderMrkdwn('<https://example.com|the report> and <https://x.org>')).toBe(
      'the report (https://example.com) and https://x.org',
    );
    expect(renderMrkdwn('<!here> <!date^1700000000^{date}|Nov 14>')).toBe('@here Nov 14');
  });

  it('never turns escaped text into an entity', () => {
    expect(renderMrkdwn('&lt;!channel&gt;')).toBe('<!channel>');
    expect(renderMrkdwn('&amp;lt;')).toBe('&lt;');
  });

  it('turns emoji codes into symbols and keeps unknown ones', () => {
    expect(renderMrkdwn(':warning: late :unknown_thing:')).toBe('⚠ late :unknown_thing:');
  });

  it('makes *bold* ANSI bold only when asked', () => {
    expect(renderMrkdwn('*Target* 630억')).toBe('*Target* 630억');
    expect(renderMrkdwn('*Target* 630억', { ansi: true })).toBe('\x1b[1mTarget\x1b[0m 630억');
  });
});

describe('renderBlocks', () => {
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: 'retail' } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*Target*\n100 billion won' },
      fields: [
        { type: 'mrkdwn', text: '*Gap*\n100 billion won' },
        { type: 'mrkdwn', text: '*Capacity*\n0 won' },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: ':warning: a pledge is suspended' }] },
    { type: 'divider' },
    {
      type: 'actions',
      block_id: 'status_actions',
      elements: [
        {
          type: 'button',
          action_id: 'status_share',
          value: 'retail',
          text: { type: 'plain_text', text: 'Share in channel' },
        },
      ],
    },
    {
      type: 'section',
      block_id: 'pledge_controls:P9:0:retail',
      text: { type: 'mrkdwn', text: '`P9` Coupang' },
      accessory: {
        type: 'static_select',
        action_id: 'pledge_set_status',
        placeholder: { type: 'plain_text', text: 'Change status' },
        options: [
          { text: { type: 'plain_text', text: '→ verbal intent' }, value: 'P9:verbal' },
          { text: { type: 'plain_text', text: '→ withdrawn' }, value: 'P9:withdrawn' },
        ],
      },
    },
  ];

  it('renders headers, sections with fields, context, dividers and numbered controls', () => {
    const { lines, controls } = renderBlocks(blocks, { firstControl: 3 });
    expect(lines).toEqual([
      'retail',
      '══════',
      '*Target*',
      '100 billion won',
      '  *Gap* 100 billion won',
      '  *Capacity* 0 won',
      '  ⚠ a pledge is suspended',
      '─'.repeat(40),
      '3) [Share in channel]',
      '`P9` Coupang',
      '  4) [Change status ▾ P9:verbal | P9:withdrawn]',
    ]);
    expect(controls.map((c) => [c.number, c.kind, c.actionId, c.blockId, c.value])).toEqual([
      [3, 'button', 'status_share', 'status_actions', 'retail'],
      [4, 'select', 'pledge_set_status', 'pledge_controls:P9:0:retail', undefined],
    ]);
    expect(controls[1]?.options.map((o) => o.value)).toEqual(['P9:verbal', 'P9:withdrawn']);
  });

  it('falls back to the message text when there are no blocks', () => {
    expect(renderMessage({ text: 'Recorded &amp; done' }).lines).toEqual(['Recorded & done']);
    expect(renderMessage({}).lines).toEqual([]);
  });

  it('survives blocks of unknown shape', () => {
    expect(() =>
      renderBlocks([null, 3, { type: 'mystery' }, { type: 'section' }, { type: 'actions', elements: 'x' }]),
    ).not.toThrow();
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), (anything) => {
        renderBlocks(anything);
      }),
    );
  });
});

const modal = {
  type: 'modal',
  callback_id: 'pledge',
  title: { type: 'plain_text', text: 'Record pledge' },
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: 'intro' } },
    {
      type: 'input',
      block_id: 'program',
      label: { type: 'plain_text', text: 'Program' },
      element: {
        type: 'static_select',
        action_id: 'program',
        option_groups: [
          {
            label: { type: 'plain_text', text: 'retail · 유통' },
            options: [{ text: { type: 'plain_text', text: 'Retail fund' }, value: 'retail-consortium' }],
          },
          {
            label: { type: 'plain_text', text: 'autos · 자동차' },
            options: [
              { text: { type: 'plain_text', text: 'Hyundai' }, value: 'autos-hyundai' },
              { text: { type: 'plain_text', text: 'HL' }, value: 'autos-hl' },
            ],
          },
        ],
        initial_option: { text: { type: 'plain_text', text: 'HL' }, value: 'autos-hl' },
      },
    },
    {
      type: 'input',
      block_id: 'amount',
      label: { type: 'plain_text', text: 'Amount' },
      hint: { type: 'plain_text', text: 'e.g. 630억' },
      element: { type: 'plain_text_input', action_id: 'amount', max_length: 10 },
    },
    {
      type: 'input',
      block_id: 'due',
      optional: true,
      label: { type: 'plain_text', text: 'Expected payment' },
      element: { type: 'datepicker', action_id: 'due' },
    },
    {
      type: 'input',
      block_id: 'note',
      optional: true,
      label: { type: 'plain_text', text: 'Note' },
      element: { type: 'plain_text_input', action_id: 'note', multiline: true },
    },
  ],
};

describe('modal prompts', () => {
  const fields = modalFields(modal);
  const [program, amount, due, note] = fields;
  if (program === undefined || amount === undefined || due === undefined || note === undefined)
    throw new Error('expected four fields');

  it('finds one question per input block, in order, with grouped options and defaults', () => {
    expect(fields.map((f) => [f.blockId, f.type, f.optional])).toEqual([
      ['program', 'static_select', false],
      ['amount', 'plain_text_input', false],
      ['due', 'datepicker', true],
      ['note', 'plain_text_input', true],
    ]);
    expect(program.options.map((o) => [o.value, o.group])).toEqual([
      ['retail-consortium', 'retail · 유통'],
      ['autos-hyundai', 'autos · 자동차'],
      ['autos-hl', 'autos · 자동차'],
    ]);
    expect(program.initial).toBe('autos-hl');
    expect(amount.hint).toBe('e.g. 630억');
  });

  it('reads a select by number, value or text, and keeps the default on Enter', () => {
    expect(parseAnswer(program, '2')).toEqual({ ok: true, value: 'autos-hyundai' });
    expect(parseAnswer(program, 'retail-consortium')).toEqual({ ok: true, value: 'retail-consortium' });
    expect(parseAnswer(program, 'hyundai')).toEqual({ ok: true, value: 'autos-hyundai' });
    expect(parseAnswer(program, '')).toEqual({ ok: true, value: 'autos-hl' });
    expect(parseAnswer(program, '4').ok).toBe(false);
    expect(parseAnswer(program, '0').ok).toBe(false);
  });

  it('requires required fields, skips optional ones, and checks length', () => {
    expect(parseAnswer(amount, '  ').ok).toBe(false);
    expect(parseAnswer(amount, ' 630억 ')).toEqual({ ok: true, value: '630억' });
    expect(parseAnswer(amount, '12345678901').ok).toBe(false);
    expect(parseAnswer(due, '')).toEqual({ ok: true, value: null });
    expect(parseAnswer(note, 'two\\nlines')).toEqual({ ok: true, value: 'two\nlines' });
  });

  it('takes exactly the real YYYY-MM-DD dates', () => {
    expect(parseAnswer(due, '2026-02-29').ok).toBe(false);
    expect(parseAnswer(due, '2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        ),
        (text) => {
          const answer = parseAnswer(due, text);
          const trimmed = text.trim();
          if (trimmed === '' || trimmed === '-') expect(answer).toEqual({ ok: true, value: null });
          else expect(answer.ok).toBe(isIsoDate(trimmed) && /^\d{4}-\d{2}-\d{2}$/.test(trimmed));
        },
      ),
    );
  });

  it('answers a select with the option of that number, for any number in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: program.options.length }), (n) => {
        expect(parseAnswer(program, ` ${n} `)).toEqual({ ok: true, value: program.options[n - 1]?.value });
      }),
    );
  });

  it('builds Slack state values, unanswered fields sent empty', () => {
    const values = stateValues(
      fields,
      new Map([
        ['program', 'autos-hl'],
        ['amount', '630억'],
        ['due', null],
      ]),
    );
    expect(values).toEqual({
      program: {
        program: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'HL', emoji: true }, value: 'autos-hl' },
        },
      },
      amount: { amount: { type: 'plain_text_input', value: '630억' } },
      due: { due: { type: 'datepicker', selected_date: null } },
      note: { note: { type: 'plain_text_input', value: null } },
    });
  });
});

describe('charts and tables as text', () => {
  it('a table block is aligned columns under a rule, entities decoded', () => {
    const { lines } = renderBlocks([
      {
        type: 'table',
        column_settings: [{ align: 'left' }, { align: 'right' }],
        rows: [
          [
            { type: 'raw_text', text: 'Contributor' },
            { type: 'raw_text', text: 'Amount' },
          ],
          [
            { type: 'raw_text', text: 'HL &amp; Hana' },
            { type: 'raw_text', text: '630억' },
          ],
        ],
      },
    ]);
    expect(lines).toEqual([
      '| Contributor | Amount |',
      '|-------------|--------|',
      '| HL & Hana   |   630억 |',
    ]);
  });

  it('a bar chart is a text bar per category and series, scaled to the largest value', () => {
    const { lines } = renderBlocks([
      {
        type: 'data_visualization',
        title: 'Every sector',
        chart: {
          type: 'bar',
          axis_config: { categories: ['autos'], y_label: '억 원' },
          series: [
            { name: 'Target', data: [{ label: 'autos', value: 100 }] },
            { name: 'Capacity', data: [{ label: 'autos', value: 50 }] },
          ],
        },
      },
    ]);
    expect(lines[0]).toBe('📊 Every sector (억 원)');
    expect(lines).toContain(`    Target   ${'█'.repeat(20)} 100`);
    expect(lines).toContain(`    Capacity ${'█'.repeat(10)}${'░'.repeat(10)} 50`);
  });
});
