import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { HOSTILE, unescapedMarkup } from '../support/hostile.js';

/** The checkers the attack suites rely on must themselves catch what they claim to. */

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('unescapedMarkup', () => {
  it('finds raw mentions and links in mrkdwn and fallback text', () => {
    expect(unescapedMarkup({ text: 'hi <!channel>' })).toHaveLength(1);
    expect(
      unescapedMarkup({ text: 'x', blocks: [section('<@U999> and <https://evil|click>')] }),
    ).toHaveLength(2);
    expect(
      unescapedMarkup({
        view: { blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: '<#C123>' }] }] },
      }),
    ).toHaveLength(1);
  });

  it('accepts escaped text, plain_text, input values and allowed mentions', () => {
    expect(unescapedMarkup({ text: '&lt;!channel&gt;', blocks: [section('&lt;@U999&gt;')] })).toEqual([]);
    expect(
      unescapedMarkup({ blocks: [{ type: 'header', text: { type: 'plain_text', text: '<!here>' } }] }),
    ).toEqual([]);
    expect(
      unescapedMarkup({
        view: { private_metadata: '<!channel>', blocks: [{ element: { initial_value: '<!here>' } }] },
      }),
    ).toEqual([]);
    expect(unescapedMarkup({ text: 'by <@UADMIN001>' }, new Set(['UADMIN001']))).toEqual([]);
    expect(unescapedMarkup({ text: 'by <@UADMIN001|x>' }, new Set(['UADMIN001']))).toEqual([]);
  });

  it('the corpus has at least 50 strings with unique names', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(50);
    expect(new Set(HOSTILE.map((s) => s.name)).size).toBe(HOSTILE.length);
  });
});

describe('blockKitProblems', () => {
  it('accepts a small valid message and modal', () => {
    expect(blockKitProblems({ text: 'ok', blocks: [section('ok')] })).toEqual([]);
    expect(
      blockKitProblems({
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'Record a pledge' },
          submit: { type: 'plain_text', text: 'Save' },
          blocks: [
            {
              type: 'input',
              block_id: 'amount',
              label: { type: 'plain_text', text: 'Amount' },
              element: { type: 'plain_text_input', action_id: 'amount' },
            },
          ],
        },
      }),
    ).toEqual([]);
  });

  it.each([
    ['3001-char section', { text: 'x', blocks: [section('x'.repeat(3001))] }],
    ['51 blocks', { text: 'x', blocks: Array.from({ length: 51 }, () => section('x')) }],
    ['no fallback', { blocks: [section('x')] }],
    ['empty text', { text: 'x', blocks: [section('')] }],
    [
      '151-char header',
      { text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] },
    ],
    ['mrkdwn header', { text: 'x', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] }],
    ['lone surrogate', { text: 'x\ud800', blocks: [section('x')] }],
    [
      '11 fields',
      {
        text: 'x',
        blocks: [
          { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        ],
      },
    ],
    [
      '76-char button',
      {
        text: 'x',
        blocks: [
          {
            type: 'actions',
            elements: [
              { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } },
            ],
          },
        ],
      },
    ],
    [
      '25-char modal title',
      { view: { type: 'modal', title: { type: 'plain_text', text: 't'.repeat(25) }, blocks: [] } },
    ],
    ['101 view blocks', { view: { type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) } }],
    [
      'input in a message',
      {
        text: 'x',
        blocks: [
          {
            type: 'input',
            label: { type: 'plain_text', text: 'l' },
            element: { type: 'plain_text_input', action_id: 'a' },
          },
        ],
      },
    ],
    [
      'private_metadata over 3000',
      {
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 't' },
          private_metadata: 'm'.repeat(3001),
          blocks: [],
        },
      },
    ],
    ['empty error', { response_action: 'errors', errors: { amount: '' } }],
  ])('flags %s', (_name, payload) => {
    expect(blockKitProblems(payload)).not.toEqual([]);
  });
});
