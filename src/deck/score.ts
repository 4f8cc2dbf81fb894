import { cuesFor } from '../markdown/cues.js';

/**
 * How the deck scores a sentence as a key quote: a sum of points, each with a reason, so every
 * choice can be explained. The scores:
 *
 *   +3  a cue phrase that announces the point: "the most important", "the lesson", "the key",
 *       "what matters", "the point is", "the secret", "the truth is" (each cue found counts)
 *   +3  a condition that carries an argument: "you can't / couldn't / won't ... until ..."
 *   +2  a contrast or antithesis: "but", "yet", "rather than", "instead of", "more ... than",
 *       "far from", "not ... but", "whereas", "versus"
 *   +1  parallelism: the same content word twice ("what you can accomplish ... what you can accomplish")
 *   +1  the opening claim: the first sentence of the guide's body or of a `##` section
 *   +2  the closing paragraph (whose sentences the closing slide usually shows instead)
 *   +1  a length that reads on a slide, 8 to 30 words; +1 more for 12 to 24 words
 *   -2  too long to read at a glance: more than 40 words
 *   -2  leans on the sentence before it ("This ...", "It ...", "They ..."), so it reads badly alone
 *   -2  a narrative opening ("Years ago, ...", "Last year ..."): an anecdote, not a claim
 *
 * The cue phrases, conditions, contrasts, leaning and narrative openings are looked for in the
 * guide's language (`markdown/cues.ts`; the English ones are quoted above). Words are counted
 * between spaces, or by the ICU word segmenter in scripts that put none between words.
 *
 * Sentences of fewer than 6 or more than 60 words, and sentences that end with a colon (they
 * introduce something), are never candidates. Ties go to the earlier sentence; at most one quote is
 * taken from a paragraph, so the quotes follow the argument instead of clustering.
 */

export interface Scored {
  score: number;
  /** "+3 cue "the lesson"", ... in the order the rules above are listed. */
  reasons: string[];
}

export interface SentencePlace {
  /** The guide's language: which cue words are looked for (English by default). */
  lang?: string;
  /** First sentence of the body or of a `##` section. */
  opening: boolean;
  /** In the guide's last paragraph. */
  closing: boolean;
}

const stopWords = new Set(
  'about after again also because been before being between both could does doing during each every from have having here into just like more most much must only other over same should some such than that their them then there these they this those through under until very what when where which while will with would your yours yourself'.split(' '),
);

/** Scripts written without spaces between words: Chinese, Japanese, Thai, Lao, Khmer, Burmese. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export function wordCount(text: string): number {
  if (unspaced.test(text)) return [...wordSegmenter.segment(text)].filter((s) => s.isWordLike).length;
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Whether a sentence may be a key quote at all. */
export function isCandidate(sentence: string): boolean {
  const words = wordCount(sentence);
  // A sentence that does not end as one (it runs on into a formula or a code block) is no quote.
  // Closing marks of any language (`markdown/quotes.ts`) may follow the full stop: „…“, « … », 「…」.
  return words >= 6 && words <= 60 && /[.!?…。！？]['"”’“‘»«›‹」』\u202f)\]）]*$/.test(sentence);
}

export function scoreSentence(sentence: string, place: SentencePlace): Scored {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(`${points > 0 ? '+' : ''}${points} ${reason}`);
  };
  const { points, until, contrast, leaning, narrative } = cuesFor(place.lang);
  for (const [pattern, name] of points) if (pattern.test(sentence)) add(3, `cue "${name}"`);
  if (until?.test(sentence)) add(3, 'condition "... until ..."');
  const turn = contrast.exec(sentence);
  if (turn) add(2, `contrast "${turn[0].trim().split(/\s+/).slice(0, 3).join(' ')}"`);
  const repeated = repeatedWord(sentence);
  if (repeated) add(1, `parallelism "${repeated}"`);
  if (place.opening) add(1, 'opening claim');
  if (place.closing) add(2, 'closing paragraph');
  const words = wordCount(sentence);
  if (words >= 8 && words <= 30) add(1, `${words} words`);
  if (words >= 12 && words <= 24) add(1, 'reads at a glance');
  if (words > 40) add(-2, `${words} words, too long`);
  if (leaning.test(sentence)) add(-2, 'leans on the sentence before');
  if (narrative?.test(sentence)) add(-2, 'narrative opening');
  return { score, reasons };
}

function repeatedWord(sentence: string): string | undefined {
  const seen = new Set<string>();
  for (const raw of sentence.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? []) {
    const word = raw.replace(/['’]s$/, '');
    if (word.length < 5 || stopWords.has(word)) continue;
    if (seen.has(word)) return word;
    seen.add(word);
  }
  return undefined;
}
