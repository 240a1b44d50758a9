/** Every text in a reply or view (section text, fields, context, headers, buttons), joined by newlines. */
export const textOf = (value: unknown): string => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        if (k === 'text' && typeof inner === 'string') out.push(inner);
        else walk(inner);
      }
    }
  };
  walk(
    typeof value === 'object' && value !== null && 'blocks' in value
      ? (value as { blocks: unknown }).blocks
      : value,
  );
  return out.join('\n');
};
