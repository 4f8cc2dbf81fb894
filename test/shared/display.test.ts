import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayDate, displayUrl, pageSides, textDirection, titleBlockView } from '../../src/shared/display.js';

test('URLs and dates as a reader writes them', () => {
  assert.equal(displayUrl('https://www.staffeng.com/guides/x/'), 'staffeng.com/guides/x');
  assert.equal(displayDate('2020-03-14', 'en'), 'March 14, 2020');
  assert.equal(displayDate('2020-03-14', 'de'), '14. März 2020');
});

test('the title block shows the source and the date in the guide\'s language, and says when both are there', () => {
  const meta = { title: 'T', lang: 'de', keywords: [], extra: {}, author: 'A', source: 'https://example.org/x/', date: '2020-03-14' };
  assert.deepEqual(titleBlockView(meta), {
    author: 'A', source: 'https://example.org/x/', sourceDisplay: 'example.org/x', date: '2020-03-14', dateDisplay: '14. März 2020', sourceAndDate: true,
    lang: 'de', dir: 'ltr',
  });
  const bare = titleBlockView({ ...meta, source: undefined });
  assert.equal(bare.sourceDisplay, undefined);
  assert.equal(bare.sourceAndDate, false);
});

test('Arabic, Persian, Urdu and Hebrew are written right to left, by their tag or their script subtag', () => {
  for (const lang of ['ar', 'ar-EG', 'fa', 'ur', 'he', 'HE-il', 'az-Arab']) assert.equal(textDirection(lang), 'rtl', lang);
  for (const lang of ['en', 'de', 'ja', 'zh-Hant-TW', 'ko', 'tr', 'uz-Latn']) assert.equal(textDirection(lang), 'ltr', lang);
  assert.deepEqual(pageSides('ar'), { start: 'right', end: 'left', verso: 'right', recto: 'left' });
  assert.deepEqual(pageSides('en'), { start: 'left', end: 'right', verso: 'left', recto: 'right' });
  assert.equal(titleBlockView({ title: 'T', lang: 'he', keywords: [], extra: {} }).dir, 'rtl');
});
