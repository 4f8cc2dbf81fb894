/**
 * Split prose into sentences with the ICU sentence segmenter built into Node (Intl.Segmenter),
 * then mend the breaks it makes after common abbreviations ("Mr. Smith"), which ICU treats as ends.
 */
const abbreviations = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|vs|etc|cf|No|Inc|Ltd|Co)\.\s*$/;

export function splitSentences(text: string, lang = 'en'): string[] {
  const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const previous = out.at(-1);
    if (previous !== undefined && (abbreviations.test(previous) || midToken(previous, segment))) out[out.length - 1] = previous + segment;
    else out.push(segment);
  }
  return moveMarks(out).map((s) => s.trim()).filter(Boolean);
}

/**
 * ICU counts opening marks with the closing ones: `言いました。「こんな…` breaks after the 「, and
 * French `pense.\u202f»` breaks before the » (the narrow space ends the sentence first). Marks that
 * only ever open go to the next sentence, marks that only ever close back to the one before; “ and
 * ‘ stay where ICU puts them, since they open in English and close in German.
 */
function moveMarks(sentences: string[]): string[] {
  const out = [...sentences];
  for (let i = 1; i < out.length; i++) {
    const opening = /[「『«„‚‹（(]+$/u.exec(out[i - 1]!.trimEnd());
    if (opening) {
      out[i - 1] = out[i - 1]!.trimEnd().slice(0, -opening[0].length);
      out[i] = opening[0] + out[i]!;
    }
    const closing = /^[\s\u202f]*[»」』›）)]+/u.exec(out[i]!);
    if (closing && out[i - 1]!.trim()) {
      // French sets a narrow no-break space before the », which ICU may have left on either side.
      const narrow = /\u202f\s*$/u.test(out[i - 1]!) || closing[0].includes('\u202f') ? '\u202f' : '';
      out[i - 1] = out[i - 1]!.trimEnd() + narrow + closing[0].trimStart();
      out[i] = out[i]!.slice(closing[0].length);
    }
  }
  return out;
}

/**
 * ICU also ends a sentence inside a token such as `!==` or `?.` (code in running text): a break
 * with no space after the mark, before punctuation or a symbol, is not the end of a sentence.
 * (Before a letter it may be: Japanese and Chinese put no space after 。.)
 */
function midToken(previous: string, next: string): boolean {
  return /[.!?]$/.test(previous) && /^[^\p{L}\p{N}\s"'“‘([]/u.test(next);
}

/** Length of the first sentence of `text`, trailing space excluded; the whole length if there is one sentence. */
export function firstSentenceLength(text: string, lang = 'en'): number {
  const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  let end = 0;
  for (const { segment } of segmenter.segment(text)) {
    end += segment.length;
    if (!abbreviations.test(text.slice(0, end))) break;
  }
  return text.slice(0, end).trimEnd().length;
}

/**
 * Sentences back into one run of text: with a space between them, except after one that ends in
 * a CJK full stop or closing bracket (`。` `」` `！`, or `。”`), where Chinese and Japanese put none.
 */
export function joinSentences(sentences: string[]): string {
  const cjkEnd = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f][”’»]?$/u;
  return sentences.reduce((text, sentence) => (!text ? sentence : cjkEnd.test(text) ? text + sentence : `${text} ${sentence}`), '');
}
