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
    if (previous !== undefined && abbreviations.test(previous)) out[out.length - 1] = previous + segment;
    else out.push(segment);
  }
  return out.map((s) => s.trim()).filter(Boolean);
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
