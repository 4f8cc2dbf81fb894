import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ogHtml, ogImageUrl } from '../../src/deck/og.js';

test('og.png is served beside the guide\'s page: an absolute URL, or none without a web source', () => {
  assert.equal(ogImageUrl('https://staffeng.com/guides/to-lead-follow'), 'https://staffeng.com/guides/to-lead-follow/og.png');
  assert.equal(ogImageUrl('https://staffeng.com/guides/to-lead-follow/'), 'https://staffeng.com/guides/to-lead-follow/og.png');
  assert.equal(ogImageUrl('https://example.com/a?utm=x#top'), 'https://example.com/a/og.png');
  assert.equal(ogImageUrl('https://example.com'), 'https://example.com/og.png');
  assert.equal(ogImageUrl(undefined), undefined);
  assert.equal(ogImageUrl('not a url'), undefined);
  assert.equal(ogImageUrl('javascript:alert(1)'), undefined);
});

test('the card names the site, title and author, escaped, with the fonts it needs inside', () => {
  const html = ogHtml({ title: 'Lead <b>& follow</b>', lang: 'en', author: 'A. Writer', site: 'Site', keywords: [], extra: {} });
  assert.match(html, /<h1 class="title">Lead &lt;b&gt;&amp; follow&lt;&#x2F;b&gt;<\/h1>/);
  assert.match(html, /<p class="author">A\. Writer<\/p>/);
  assert.match(html, /<p class="site">Site<\/p>/);
  assert.doesNotMatch(html, /class="source"/);
  assert.match(html, /@font-face[^}]*url\(data:font\/woff2;base64,/);
});
