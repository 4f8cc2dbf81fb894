import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VFile } from 'vfile';
import { closest, editDistance } from '../../src/closest.js';
import { parseManifest } from '../../src/book/manifest.js';
import type { Guide } from '../../src/content/guide.js';

/** A loaded guide as far as the manifest cares: its file slug and front matter. */
function guide(slug: string, title: string, url?: string, site = 'Field Guides'): Guide {
  return {
    slug,
    path: `/content/guides/${slug}.md`,
    file: new VFile({ path: `/content/guides/${slug}.md` }),
    tree: { type: 'root', children: [] },
    meta: { title, lang: 'en', keywords: [], extra: {}, url, site },
  };
}

const guides = [
  guide('what-staff-engineers-do', 'What do staff engineers do?', '/guides/what-do-staff-engineers-do'),
  guide('staff-archetypes', 'Staff archetypes', '/guides/staff-archetypes'),
  guide('writing-engineering-strategy', 'Writing an engineering strategy', '/guides/writing-strategy/'),
  guide('keavy', 'Keavy McMinn', '/stories/keavy-mcminn'),
];

const manifest = (yaml: string) => {
  const file = new VFile({ path: '/content/book.yaml', value: yaml });
  return { book: parseManifest(file, guides), file, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}: ${m.reason}`) };
};

describe('book.yaml', () => {
  test('a full manifest: slugs by file name or by the last segment of the url, titles from the guide or the manifest', () => {
    const { book, messages } = manifest(`
title: A book
subtitle: Its subtitle
author: Someone
baseUrl: https://guides.example.org
cover: /images/cover.png
chapters:
  - title: One
    sections:
      - slug: what-do-staff-engineers-do
      - slug: staff-archetypes
        title: Four shapes
  - title: Two
    sections:
      - writing-strategy
      - keavy
`);
    assert.deepEqual(messages, []);
    assert.ok(book);
    assert.equal(book.title, 'A book');
    assert.equal(book.lang, 'en');
    assert.equal(book.site, 'Field Guides', 'the guides share one site');
    assert.equal(book.cover?.src, '/images/cover.png');
    assert.equal(book.cover?.place?.start.line, 6);
    assert.deepEqual(book.chapters.map((c) => [c.id, c.title, c.sections.map((s) => [s.id, s.title])]), [
      ['chapter-1', 'One', [['what-staff-engineers-do', 'What do staff engineers do?'], ['staff-archetypes', 'Four shapes']]],
      ['chapter-2', 'Two', [['writing-engineering-strategy', 'Writing an engineering strategy'], ['keavy', 'Keavy McMinn']]],
    ]);
  });

  test('a slug that names no guide: an error at its line and column, with the closest slugs', () => {
    const { book, messages } = manifest('title: A book\nchapters:\n  - title: One\n    sections:\n      - slug: staff-archetype\n      - slug: writing-stratgey\n      - slug: zzzzzz\n');
    assert.equal(book, undefined);
    assert.deepEqual(messages, [
      '5:15 error book-slug: No guide has the slug `staff-archetype`: did you mean `staff-archetypes`?',
      '6:15 error book-slug: No guide has the slug `writing-stratgey`: did you mean `writing-strategy`?',
      '7:15 error book-slug: No guide has the slug `zzzzzz`',
    ]);
  });

  test('YAML that does not parse: the parser\'s error at its place', () => {
    const { book, messages } = manifest('title: A book\nchapters:\n  - title: One\n    sections: [a, b\n');
    assert.equal(book, undefined);
    assert.equal(messages.length >= 1, true);
    assert.match(messages[0]!, /^\d+:\d+ error book-yaml: book\.yaml is not valid YAML: /);
    assert.notEqual(messages[0]!.split(' ')[0], '1:1');
  });

  test('no chapters, empty sections, a chapter without a title, not a mapping', () => {
    assert.deepEqual(manifest('title: A book\n').messages, ['1:1 error book-manifest: book.yaml lists no chapters: add `chapters:` with `- title: ...` and `sections:`']);
    assert.deepEqual(manifest('title: A book\nchapters: []\n').messages, ['2:1 error book-manifest: book.yaml lists no chapters: add `chapters:` with `- title: ...` and `sections:`']);
    assert.deepEqual(manifest('title: A book\nchapters:\n  - title: One\n    sections:\n  - sections: [keavy]\n').messages, [
      '4:5 error book-manifest: Chapter 1 lists no sections: add `sections:` with `- slug: ...`',
      '5:5 error book-manifest: Chapter 2 has no `title`',
    ]);
    assert.deepEqual(manifest('- just a list\n').messages, ['1:1 error book-manifest: book.yaml must be a mapping with `title:` and `chapters:`']);
    assert.deepEqual(manifest('chapters:\n  - title: One\n    sections: [keavy]\n').messages, ['1:1 error book-manifest: The book has no `title`']);
  });

  test('a guide twice, a bad baseUrl, an unknown key (a warning, with a guess)', () => {
    const { book, messages } = manifest('title: A book\nbaseURL: x\nbaseUrl: guides.example.org\nchapters:\n  - title: One\n    sections: [keavy, keavy-mcminn]\n');
    assert.equal(book, undefined);
    assert.deepEqual(messages, [
      '2:1 warning book-manifest: Unknown key `baseURL` in book.yaml (did you mean `baseUrl`?)',
      '3:10 error book-manifest: `baseUrl` must be the site\'s address, like https://example.com, not "guides.example.org"',
      '6:23 error book-duplicate: The guide `keavy` is already in the book (line 6): a guide can be one section only',
    ]);
  });
});

describe('closest names', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('strategy', 'stratgey'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('', 'abc'), 3);
  });
  test('near names first, far names never', () => {
    assert.deepEqual(closest('archetype', ['staff-archetypes', 'archetypes', 'keavy'], 3), ['archetypes', 'staff-archetypes']);
    assert.deepEqual(closest('qqqq', ['staff-archetypes', 'keavy'], 3), []);
  });
  test('a draft named in the book is left out with a warning at its line; a chapter of drafts only goes with it', () => {
    const draft = guide('draft-guide', 'Not yet');
    draft.meta.draft = true;
    const file = new VFile({ path: '/content/book.yaml', value: 'title: B\nchapters:\n  - title: One\n    sections:\n      - staff-archetypes\n      - draft-guide\n  - title: Two\n    sections:\n      - draft-guide\n' });
    const book = parseManifest(file, [...guides, draft]);
    assert.deepEqual(book?.chapters.map((c) => [c.title, c.sections.map((s) => s.id)]), [['One', ['staff-archetypes']]]);
    const warnings = file.messages.filter((m) => m.ruleId === 'book-draft');
    assert.deepEqual(warnings.map((m) => [m.line, m.fatal]), [[6, false], [9, false]]);
    assert.match(warnings[0]!.reason, /`draft-guide` is a draft .*left out of the book/);
  });
});
