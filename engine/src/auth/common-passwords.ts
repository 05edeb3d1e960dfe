import { dictionary } from '@zxcvbn-ts/language-common';

interface CommonList {
  words: ReadonlySet<string>;
  /** Code points of the longest entry, which bounds the work of `isCommonPassword`. */
  longest: number;
}

/**
 * The ~49,000 most common passwords of public breach corpora, as shipped by zxcvbn-ts, so the
 * check runs offline. Built on first use (not at import) and kept for the life of the process.
 */
let list: CommonList | undefined;

function commonList(): CommonList {
  if (!list) {
    const words = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
    let longest = 0;
    for (const word of words) longest = Math.max(longest, Array.from(word).length);
    list = { words, longest };
  }
  return list;
}

/** Digits, punctuation, symbols and spaces: what people put around a word to pass a policy. */
const FILLER = /^[\p{N}\p{P}\p{S}\s]$/u;

/**
 * Whether a password is a listed one, alone or with only digits, punctuation, symbols or spaces
 * added before or after it ("Password1234", "!!password123456!", "a1b2c3" + "4"). Only the whole
 * text is weighed, never a word inside it, so a passphrase that merely contains a common word
 * ("correct horse battery staple") passes. `folded` is the password as `foldForComparison` gives it.
 */
export function isCommonPassword(folded: string): boolean {
  const { words, longest } = commonList();
  if (words.has(folded)) return true;
  // The core runs from the first to the last character that is not filler. A listed entry may
  // itself begin or end with filler ("abc123"), so try every stretch of the text that covers the
  // core and is no longer than the longest entry: at most a few hundred look-ups, however long the
  // text. Loops over code points: a `[…]+$` regex would be quadratic on long runs of filler.
  const chars = Array.from(folded);
  let start = 0;
  let end = chars.length;
  while (start < end && FILLER.test(chars[start]!)) start++;
  while (end > start && FILLER.test(chars[end - 1]!)) end--;
  if (start === end) return false; // only filler: the exact match above was the whole test
  for (let from = start; from >= 0 && end - from <= longest; from--) {
    for (let to = end; to <= chars.length && to - from <= longest; to++) {
      if (words.has(chars.slice(from, to).join(''))) return true;
    }
  }
  return false;
}
