import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayDate, displayUrl, titleBlockView } from '../../src/shared/display.js';

test('URLs and dates as a reader writes them', () => {
  assert.equal(displayUrl('https://www.staffeng.com/guides/x/'), 'staffeng.com/guides/x');
  assert.equal(displayDate('2020-03-14', 'en'), 'March 14, 2020');
  assert.equal(displayDate('2020-03-14', 'de'), '14. März 2020');
});

test('the title block shows the source and the date in the guide\'s language, and says when both are there', () => {
  const meta = { title: 'T', lang: 'de', keywords: [], extra: {}, author: 'A', source: 'https://example.org/x/', date: '2020-03-14' };
  assert.deepEqual(titleBlockView(meta), {
    author: 'A', source: 'https://example.org/x/', sourceDisplay: 'example.org/x', date: '2020-03-14', dateDisplay: '14. März 2020', sourceAndDate: true,
  });
  const bare = titleBlockView({ ...meta, source: undefined });
  assert.equal(bare.sourceDisplay, undefined);
  assert.equal(bare.sourceAndDate, false);
});
