import { LOCALES, type Localized } from '../../i18n/common.js';

const normalize = (word: string): string =>
  word
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/^_+|_+$/g, '');

/**
 * The code a typed word names: the code itself (`committed`, `on-hold`) or its label in any locale
 * (`협약 체결`, `협약체결`, `agreement signed`), case and spacing ignored. Undefined when none matches.
 */
export const codeFromWord = <C extends string>(
  word: string,
  codes: readonly C[],
  labels: Localized<Readonly<Record<C, string>>>,
): C | undefined => {
  const wanted = normalize(word);
  if (wanted === '') return undefined;
  const direct = codes.find((c) => normalize(c) === wanted);
  if (direct !== undefined) return direct;
  const squeezed = wanted.replace(/_/g, '');
  return codes.find((c) =>
    LOCALES.some((l) => {
      const label = normalize(labels[l][c]);
      return label === wanted || label.replace(/_/g, '') === squeezed;
    }),
  );
};
