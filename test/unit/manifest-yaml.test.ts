import { describe, expect, it } from 'vitest';
import { ManifestYamlError, parseManifestYaml } from '../../scripts/manifest-yaml.js';

describe('parseManifestYaml (the subset manifest.yml uses)', () => {
  it('reads nested mappings, sequences of scalars and of mappings, quotes, booleans and comments', () => {
    const source = [
      '# a comment',
      'a:',
      '  name: Winwin # trailing comment',
      '  color: "#1d3c6e"',
      "  quote: 'it''s'",
      '  on: true',
      '  off: false',
      '  n: 42',
      '  list:',
      '    - one',
      '    - "two: three"',
      '  things:',
      '    - command: /winwin',
      '      hint: "[a|b] …"',
      '    - command: /other',
      'b:',
      '- x',
      '- y',
    ].join('\n');
    expect(parseManifestYaml(source)).toEqual({
      a: {
        name: 'Winwin',
        color: '#1d3c6e',
        quote: "it's",
        on: true,
        off: false,
        n: 42,
        list: ['one', 'two: three'],
        things: [{ command: '/winwin', hint: '[a|b] …' }, { command: '/other' }],
      },
      b: ['x', 'y'],
    });
  });

  it('folds >- block scalars into one line and keeps | ones', () => {
    expect(parseManifestYaml('d: >-\n  one\n  two\n\n  three\ne: |\n  x\n  y\n')).toEqual({
      d: 'one two\nthree',
      e: 'x\ny\n',
    });
  });

  it('refuses what it does not model, naming the line', () => {
    for (const [source, line] of [
      ['a: [1, 2]', 1],
      ['a: &anchor x', 1],
      ['a:\n\tb: 1', 2],
      ['a: 1\na: 2', 2],
      ['a: 1\n---\nb: 2', 2],
      ['a:\n  b: 1\n    c: 2', 3],
      ['just text', 1],
    ] as const) {
      expect(() => parseManifestYaml(source), source).toThrow(ManifestYamlError);
      expect(() => parseManifestYaml(source), source).toThrow(`line ${line}`);
    }
  });
});
