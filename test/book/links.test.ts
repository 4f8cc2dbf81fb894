import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import rehypeBookLinks from '../../src/book/links.js';
import type { Guide } from '../../src/content/guide.js';

const outside = { slug: 'onboarding', meta: { title: 'Onboarding', url: '/guides/onboarding', lang: 'en', keywords: [], extra: {} } } as unknown as Guide;
const options = {
  inBook: new Map([['staff-archetypes', 'staff-archetypes'], ['writing-strategy', 'writing-engineering-strategy'], ['writing-engineering-strategy', 'writing-engineering-strategy']]),
  guides: new Map([['onboarding', outside]]),
  baseUrl: 'https://guides.example.org/',
};

function rewrite(hrefs: string[], opts: Parameters<typeof rehypeBookLinks>[0] = options): (string | undefined)[] {
  const tree: Root = { type: 'root', children: hrefs.map((href) => h('a', { href }, 'text')) };
  rehypeBookLinks(opts)(tree);
  return (tree.children as Element[]).map((a) => (a.tagName === 'a' ? String(a.properties.href) : undefined));
}

test('links to guides in the book land on their section, or on the heading in it', () => {
  assert.deepEqual(
    rewrite(['/guides/writing-strategy', '/guides/writing-strategy/', '/guides/staff-archetypes#the-tech-lead', 'staff-archetypes.md', '../guides/writing-engineering-strategy.md#start-here', '../staff-archetypes/']),
    ['#writing-engineering-strategy', '#writing-engineering-strategy', '#staff-archetypes--the-tech-lead', '#staff-archetypes', '#writing-engineering-strategy--start-here', '#staff-archetypes'],
  );
});

test('other site-relative links go to the site; a guide outside the book, to its page there', () => {
  assert.deepEqual(rewrite(['/stories', '/guides/onboarding?x=1#top', 'onboarding.md', 'onboarding.md#first-days']), [
    'https://guides.example.org/stories',
    'https://guides.example.org/guides/onboarding?x=1#top',
    'https://guides.example.org/guides/onboarding',
    'https://guides.example.org/guides/onboarding#first-days',
  ]);
});

test("a guide's own #links (prefixed by prefixIds before), external, mail and footnote links are left alone", () => {
  const tree: Root = {
    type: 'root',
    children: [h('a', { href: '#why' }, 'a'), h('a', { href: 'https://example.com/x' }, 'b'), h('a', { href: 'mailto:a@b.c' }, 'c'), h('a', { href: '#keavy--fn-1', dataFootnoteRef: true }, '1')],
  };
  rehypeBookLinks(options)(tree);
  assert.deepEqual((tree.children as Element[]).map((a) => a.properties.href), ['#why', 'https://example.com/x', 'mailto:a@b.c', '#keavy--fn-1']);
});

test('without a baseUrl, what cannot be followed on paper becomes plain text', () => {
  const tree: Root = { type: 'root', children: [h('a', { href: '/stories' }, 'stories'), h('a', { href: 'unknown.md' }, 'unknown'), h('a', { href: '/guides/staff-archetypes' }, 'in book')] };
  rehypeBookLinks({ ...options, baseUrl: undefined })(tree);
  assert.deepEqual((tree.children as Element[]).map((a) => [a.tagName, a.properties.href]), [['span', undefined], ['span', undefined], ['a', '#staff-archetypes']]);
});
