import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plain, render } from '../helpers/guide.js';

test('harmless raw HTML survives; scripts, handlers, frames, objects, forms and javascript: URLs do not', async () => {
  const { html } = await render(`# T

<div class="pull">Trust is the currency.</div>

<span class="date">March 2020</span>

<script>alert('x')</script>
<iframe src="https://example.com/embed"></iframe>
<p onclick="steal()">Kept text.</p>
<a href="javascript:alert(1)">no-go</a>
<form action="/subscribe"><input type="email" name="email"><button>Go</button></form>
<object data="movie.swf"></object>
<embed src="x.swf">
<img src="x.png" onerror="alert(1)">
`);
  const out = plain(html);
  assert.match(out, /<div class="pull">Trust is the currency\.<\/div>/);
  assert.match(out, /<span class="date">March 2020<\/span>/);
  assert.match(out, /Kept text\./);
  for (const bad of ['<script', 'alert(', '<iframe', 'onclick', 'javascript:', '<form', '<input', '<object', '<embed', 'onerror']) {
    assert.ok(!out.includes(bad), `${bad} leaked into: ${out}`);
  }
});

test('GFM: tables, task lists, strikethrough, autolinks and footnotes', async () => {
  const { html } = await render(`# T

| a | b |
| - | - |
| 1 | 2 |

- [x] done
- [ ] todo

~~old~~ and www.example.com and https://example.org.

A claim.[^1]

[^1]: The evidence.
`);
  const out = plain(html);
  assert.match(out, /<table>/);
  assert.match(out, /<input type="checkbox" checked disabled>/);
  assert.match(out, /<del>old<\/del>/);
  assert.match(out, /<a href="http:\/\/www.example.com">www.example.com<\/a>/);
  assert.match(out, /<a href="#fn-1" id="fnref-1" data-footnote-ref[^>]*>1<\/a>/);
  assert.match(out, /<li id="fn-1">\s*<p>The evidence\. <a href="#fnref-1" data-footnote-backref/);
});

test('smart typography: curly quotes, dashes, ellipses', async () => {
  const { html } = await render('# T\n\n"Will it matter?" -- it\'s the question... Pages 3--5 --- done.\n');
  const out = plain(html);
  assert.match(out, /“Will it matter\?” – it’s the question…/);
  assert.match(out, /— done/);
});

test('details print open, table alignment is kept, table headers are not hyphenated', async () => {
  const { html } = await render(`# T

<details>
<summary>The full list of teams</summary>

Payments, Identity and Infrastructure.

</details>

| Quarter | Incidents |
| :------ | --------: |
| Q2 2017 | 12 |
`);
  assert.match(html, /<details open>/);
  assert.match(plain(html), /<p>Payments, Identity and Infrastructure\.<\/p>/);
  assert.match(html, /<th align="right">Incidents<\/th>/);
  assert.match(html, /<td align="right">12<\/td>/);
});

test('a <style> or <script> block, in its own block or inside a sentence, prints nothing of its content', async () => {
  const { html } = await render('# T\n\n<style>\nbody { color: red }\n</style>\n\nbefore <style>p { background: url(https://example.com/x.png) }</style> after <script>alert("x")</script> end\n\n<noscript><p>n</p></noscript>\n');
  assert.doesNotMatch(html, /color: red|background|example\.com|alert|<style|<script|<noscript/);
  assert.match(plain(html), /<p>before {2}after {2}end<\/p>/);
});
