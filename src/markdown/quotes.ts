import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/** A language's quotation marks: the outer pair, the inner pair, and the space set inside each mark. */
interface Marks {
  open: string;
  close: string;
  innerOpen: string;
  innerClose: string;
  /** A narrow no-break space inside the marks, as French sets them. */
  space?: string;
  /**
   * Chinese, Japanese and Korean: words have no spaces around them, so smart typography cannot
   * tell an opening mark from a closing one, and there are no apostrophes to mistake for one.
   */
  unspaced?: boolean;
}

const pair = (marks: string, options: { space?: string; unspaced?: boolean } = {}): Marks => {
  const [open, close, innerOpen, innerClose] = [...marks] as [string, string, string, string];
  return { open, close, innerOpen, innerClose, ...options };
};

/**
 * Each language's standard marks, by tag and then by base language. A language not listed (English,
 * Dutch...) keeps the “ ” and ‘ ’ that smart typography gives.
 */
const byLanguage: Record<string, Marks> = {
  de: pair('„“‚‘'),
  'de-ch': pair('«»‹›'),
  fr: pair('«»“”', { space: '\u202f' }),
  'fr-ch': pair('«»‹›'),
  es: pair('«»“”'),
  it: pair('«»“”'),
  pt: pair('«»“”'),
  'pt-br': pair('“”‘’'),
  ar: pair('«»“”'),
  ru: pair('«»„“'),
  uk: pair('«»„“'),
  pl: pair('„”«»'),
  cs: pair('„“‚‘'),
  da: pair('»«›‹'),
  sv: pair('””’’'),
  fi: pair('””’’'),
  nb: pair('«»‘’'),
  no: pair('«»‘’'),
  ja: pair('「」『』', { unspaced: true }),
  zh: pair('“”‘’', { unspaced: true }),
  'zh-hant': pair('「」『』', { unspaced: true }),
  'zh-tw': pair('「」『』', { unspaced: true }),
  'zh-hk': pair('「」『』', { unspaced: true }),
  ko: pair('“”‘’', { unspaced: true }),
};

function marksFor(lang: string | undefined): Marks | undefined {
  if (!lang) return undefined;
  const tag = lang.toLowerCase();
  const parts = tag.split('-');
  // The longest listed prefix: `zh-Hant-TW` -> `zh-hant`, `pt-BR` -> `pt-br`, `de-AT` -> `de`.
  for (let n = parts.length; n > 0; n--) {
    const marks = byLanguage[parts.slice(0, n).join('-')] ?? (n === 2 ? byLanguage[`${parts[0]}-${parts[n - 1]}`] : undefined);
    if (marks) return marks;
  }
  return undefined;
}

/**
 * Rewrites the marks of one block of text, given as its text pieces in reading order. Smart
 * typography has told opening from closing double quotes by the spaces around them; where a block
 * has them in pairs, they alternate instead, which is right also where no space tells (“彼は"はい"”).
 * A ’ closes an inner quote only after a ‘ and when it is not an apostrophe inside a word
 * (“l’équipe”), except in unspaced scripts, where single marks alternate too.
 */
function rewrite(pieces: string[], marks: Marks): string[] {
  let inner = false;
  let outer = false;
  const space = marks.space ?? '';
  const all = pieces.join('');
  const paired = (all.match(/[“”]/g) ?? []).length % 2 === 0;
  let offset = 0;
  return pieces.map((piece) => {
    let out = '';
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i]!;
      const at = offset + i;
      if ((c === '“' || c === '”') && paired) {
        out += outer ? space + marks.close : marks.open + space;
        outer = !outer;
      } else if (c === '“') out += marks.open + space;
      else if (c === '”') out += space + marks.close;
      else if (marks.unspaced && (c === '‘' || c === '’')) {
        out += inner ? marks.innerClose : marks.innerOpen;
        inner = !inner;
      } else if (c === '‘') {
        inner = true;
        out += marks.innerOpen + space;
      } else if (c === '’' && inner && !/\p{L}/u.test(all[at + 1] ?? '')) {
        inner = false;
        out += space + marks.innerClose;
      } else out += c;
    }
    offset += piece.length;
    // A space the author typed inside the marks is replaced by the language's own.
    return space ? out.replace(new RegExp(`(${esc(marks.open)}|${esc(marks.innerOpen)})${space}\\s+`, 'gu'), `$1${space}`).replace(new RegExp(`\\s+${space}(${esc(marks.close)}|${esc(marks.innerClose)})`, 'gu'), `${space}$1`) : out;
  });
}

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Quotation marks in a language's own style, for text outside the tree (front-matter titles). */
export function localQuotes(text: string, lang: string | undefined): string {
  const marks = marksFor(lang);
  return marks ? rewrite([text], marks)[0]! : text;
}

/**
 * After smart typography: the curly quotes it gives (English ones) become the guide's language's
 * (`„…“` in German, `« … »` in French, `「…」` in Japanese), by the front matter's `lang`.
 */
export default function remarkLocalQuotes() {
  return (tree: Root, file: VFile) => {
    const marks = marksFor(file.data.meta?.lang);
    if (!marks) return;
    visit(tree, (node) => {
      if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
      const texts: { value: string }[] = [];
      visit(node, 'text', (text) => {
        texts.push(text);
      });
      const rewritten = rewrite(texts.map((t) => t.value), marks);
      texts.forEach((text, i) => (text.value = rewritten[i]!));
    });
  };
}
