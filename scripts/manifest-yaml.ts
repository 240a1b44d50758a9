/**
 * Reads manifest.yml into the JSON value apps.manifest.validate wants, without a YAML dependency: the
 * subset the manifest uses — nested mappings by indentation, sequences (of scalars, or of mappings
 * starting on the dash line), plain, single- and double-quoted scalars, booleans, integers, `>-`/`>`/`|`
 * block scalars, `#` comments. Anything else (anchors, tags, flow collections, multi-documents) is
 * refused with the line, never guessed.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export class ManifestYamlError extends Error {
  constructor(line: number, problem: string) {
    super(`manifest.yml line ${line}: ${problem}`);
    this.name = 'ManifestYamlError';
  }
}

interface Line {
  readonly no: number;
  readonly indent: number;
  readonly text: string;
}

const stripComment = (text: string): string => {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ')) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
};

const scalar = (raw: string, no: number): Json => {
  const text = raw.trim();
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new ManifestYamlError(no, 'unterminated "string"');
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new ManifestYamlError(no, "unterminated 'string'");
    return text.slice(1, -1).replaceAll("''", "'");
  }
  if (/^[[{&*!|>%@`]/.test(text)) throw new ManifestYamlError(no, `unsupported YAML: ${text.slice(0, 20)}`);
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null' || text === '~' || text === '') return null;
  if (/^-?\d+$/.test(text)) return Number(text);
  return text;
};

const KEY = /^([A-Za-z0-9_.\-/]+):(?:\s+(.*))?$/;

export const parseManifestYaml = (source: string): Json => {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    if (raw.includes('\t')) throw new ManifestYamlError(i + 1, 'tabs are not allowed for indentation');
    if (/^(---|\.\.\.)\s*$/.test(raw)) throw new ManifestYamlError(i + 1, 'one document only');
    lines.push({ no: i + 1, indent: raw.length - raw.trimStart().length, text: raw.trim() });
  });
  let pos = 0;
  const meaningful = (): Line | undefined => {
    while (pos < lines.length) {
      const line = lines[pos] as Line;
      if (line.text !== '' && !line.text.startsWith('#')) return line;
      pos++;
    }
    return undefined;
  };

  /** A block scalar (`>-`, `>`, `|`, `|-`) whose lines are indented deeper than `parent`. */
  const blockScalar = (style: string, parent: number): string => {
    const body: string[] = [];
    let indent: number | undefined;
    while (pos < lines.length) {
      const line = lines[pos] as Line;
      if (line.text !== '' && line.indent <= parent) break;
      if (line.text !== '') indent ??= line.indent;
      body.push(line.text === '' ? '' : ' '.repeat(line.indent - (indent ?? line.indent)) + line.text);
      pos++;
    }
    while (body.length > 0 && body.at(-1) === '') body.pop();
    const text = style.startsWith('>')
      ? body
          .join('\n')
          .replace(/([^\n])\n(?=[^\n])/g, '$1 ')
          .replace(/\n(\n+)/g, '$1')
      : body.join('\n');
    return style.endsWith('-') ? text : `${text}\n`;
  };

  const value = (rest: string | undefined, indent: number, no: number): Json => {
    if (rest === undefined || rest === '') {
      const next = meaningful();
      if (next === undefined || next.indent <= indent) {
        // `key:` then a sequence at the same indent is allowed in YAML.
        if (next !== undefined && next.indent === indent && next.text.startsWith('- ')) return node(indent);
        return null;
      }
      return node(next.indent);
    }
    const text = stripComment(rest);
    if (/^[>|]-?$/.test(text)) return blockScalar(text, indent);
    return scalar(text, no);
  };

  const mapping = (indent: number, first?: { key: string; rest: string | undefined; no: number }): Json => {
    const out: { [key: string]: Json } = {};
    const put = (key: string, rest: string | undefined, no: number, keyIndent: number): void => {
      if (Object.hasOwn(out, key)) throw new ManifestYamlError(no, `duplicate key ${key}`);
      out[key] = value(rest, keyIndent, no);
    };
    if (first !== undefined) put(first.key, first.rest, first.no, indent);
    for (;;) {
      const line = meaningful();
      if (line === undefined || line.indent < indent) return out;
      if (line.indent > indent) throw new ManifestYamlError(line.no, 'unexpected indentation');
      if (line.text.startsWith('- ')) return out;
      const match = KEY.exec(stripComment(line.text));
      if (match === null)
        throw new ManifestYamlError(line.no, `expected "key: value", got ${line.text.slice(0, 30)}`);
      pos++;
      put(match[1] as string, match[2], line.no, indent);
    }
  };

  const sequence = (indent: number): Json => {
    const out: Json[] = [];
    for (;;) {
      const line = meaningful();
      if (line === undefined || line.indent < indent || !line.text.startsWith('- ')) return out;
      if (line.indent > indent) throw new ManifestYamlError(line.no, 'unexpected indentation');
      pos++;
      const item = stripComment(line.text.slice(2));
      const match = KEY.exec(item);
      if (match === null) out.push(scalar(item, line.no));
      else out.push(mapping(indent + 2, { key: match[1] as string, rest: match[2], no: line.no }));
    }
  };

  const node = (indent: number): Json => {
    const line = meaningful();
    if (line === undefined) return null;
    return line.text.startsWith('- ') ? sequence(indent) : mapping(indent);
  };

  const root = node(0);
  const rest = meaningful();
  if (rest !== undefined) throw new ManifestYamlError(rest.no, 'unexpected content');
  return root;
};
