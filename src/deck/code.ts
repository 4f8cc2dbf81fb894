import type { BundledLanguage } from 'shiki';
import { parseFenceMeta } from '../markdown/fence-meta.js';
import { checkCodeTheme, highlighterFor, resolveLanguage } from '../markdown/shiki.js';

const fence = /^ {0,3}(?:`{3,}|~{3,})/m;

/** What Marp calls to highlight a fence: the code, its language and the rest of its info line. */
export type SlideHighlighter = (code: string, lang: string, attrs: string) => string;

/**
 * A highlighter for the fences of a deck's Marp markdown, with the same Shiki and grammars as the
 * handout and a theme of its own (dark, for slides). Marp highlights synchronously, so the
 * grammars the markdown names are loaded first. `{2,4-5}` in the info line highlights lines.
 * Returned HTML starts with `<pre`, so markdown-it takes it as the whole block.
 */
export async function slideHighlighter(markdown: string, theme: string): Promise<SlideHighlighter | undefined> {
  // A deck without a fence has nothing to highlight: it does not pay for Shiki's start (its
  // WASM engine, about 0.1 s of a one-guide build). Its theme is checked all the same.
  if (!fence.test(markdown)) {
    checkCodeTheme(theme);
    return undefined;
  }
  const languages = new Set<BundledLanguage>();
  for (const [, name] of markdown.matchAll(/^ {0,3}(?:`{3,}|~{3,})[ \t]*([^\s`{]+)/gm)) {
    const language = resolveLanguage(name!);
    if (language) languages.add(language);
  }
  const highlighter = await highlighterFor(languages, [theme]);
  return (code, lang, attrs) => {
    const language = lang ? resolveLanguage(lang) : undefined;
    const lines = parseFenceMeta(attrs).highlight;
    return highlighter.codeToHtml(code.replace(/\n$/, ''), {
      lang: language && highlighter.getLoadedLanguages().includes(language) ? language : 'text',
      theme,
      transformers: [{
        pre(node) {
          delete node.properties.tabindex;
        },
        // Lines are blocks (a highlighted line is tinted across the block): the newlines between
        // them would show as blank lines.
        code(node) {
          node.children = node.children.filter((child) => child.type !== 'text');
        },
        line(node, number) {
          if (lines.has(number)) this.addClassToHast(node, 'highlighted');
        },
      }],
    });
  };
}
