import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { plain, render } from '../helpers/guide.js';
import { tempDir } from '../helpers/tmp.js';

/** `line:column rule` of each message, sorted. */
const rules = (messages: string[]) => messages.map((m) => /^(\d+:\d+) ([\w-]+):/.exec(m)!.slice(1).join(' ')).sort();

test('relative images resolve beside the guide, /paths in content/static/, inlined with the alt text as caption', async () => {
  const { html, messages } = await render('# T\n\n![A whiteboard](img/whiteboard.png)\n\n![Portrait](/images/portrait.png)\n', undefined, 'stories/test.md');
  assert.deepEqual(messages, []);
  assert.match(plain(html), /<figure class="figure"><img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="A whiteboard"><figcaption>A whiteboard<\/figcaption><\/figure>/);
  assert.equal(html.match(/data:image\/png;base64/g)?.length, 2);
});

test('a missing image is an error at its position, naming where /paths are looked up', async () => {
  const { messages } = await render('# T\n\nSee:\n\n![Gone](/images/gone.png)\n');
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /^5:1 missing-image: Cannot find image `\/images\/gone.png` \(site-absolute paths are looked up in .*static\/\)/);
});

test('an image path that leaves the content folder is an error', async () => {
  const { messages } = await render('# T\n\n![Secret](../../../../etc/passwd.png)\n');
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /^3:1 image-outside-content: Image `..\/..\/..\/..\/etc\/passwd.png` is outside the content folder/);
});

test('raw HTML images resolve the same way', async () => {
  const { html, messages } = await render('# T\n\n<img src="/images/portrait.png" alt="P">\n');
  assert.deepEqual(messages, []);
  assert.match(html, /<img src="data:image\/png;base64,/);
});

test('a remote image is a warning at its line and a placeholder box with its alt text, never a URL to load', async () => {
  const { html, messages } = await render('# T\n\nSee ![A chart](https://example.com/chart.png) here.\n\n![A photo](https://example.com/photo.jpg)\n');
  assert.equal(messages.length, 2);
  assert.match(messages[0]!, /^3:5 remote-image: Remote image `https:\/\/example.com\/chart.png` is not fetched/);
  assert.match(messages[1]!, /^5:1 remote-image: /);
  assert.match(plain(html), /<span class="image-placeholder" role="img" aria-label="A chart"><span class="image-placeholder-alt">A chart<\/span><span class="image-placeholder-src">example.com\/chart.png<\/span><\/span>/);
  // In a figure the caption already gives the alt text: the box shows where the image lives.
  assert.match(plain(html), /<figure class="figure"><span class="image-placeholder" role="img" aria-label="A photo"><span class="image-placeholder-src">example.com\/photo.jpg<\/span><\/span><figcaption>A photo<\/figcaption>/);
  assert.doesNotMatch(html, /<img/);
});

test('<source> and srcset go, whatever they name: the <img> of a picture is what prints', async () => {
  const { html, messages } = await render('# T\n\n<picture><source srcset="https://example.com/a.webp 1x"><img src="/images/portrait.png" alt="P"></picture>\n');
  assert.deepEqual(rules(messages), ['3:10 remote-image']);
  assert.doesNotMatch(html, /<source|srcset/i);
  assert.match(html, /<img src="data:image\/png;base64,/);
});

test('file: URLs and links out of the content folder are errors at their position', async () => {
  const { messages } = await render('# T\n\n[a](file:///etc/passwd)\n\n<img src="FILE:///etc/passwd">\n\n[b](../../../../etc/passwd)\n\n[c](../stories/x.md) [d](/etc/passwd)\n');
  assert.deepEqual(rules(messages), ['3:1 file-url', '5:1 file-url', '5:1 image-source', '7:1 link-outside-content']);
});

test('an image or link through a symlink that points out of the content folder is an error, and nothing is read', async () => {
  const dir = tempDir('images');
  mkdirSync(join(dir, 'guides'));
  symlinkSync('/etc/passwd', join(dir, 'guides/passwd.png'));
  symlinkSync('/etc', join(dir, 'guides/etc'));
  const { html, messages } = await render('# T\n\n![x](passwd.png)\n\n![y](etc/passwd)\n\n[z](passwd.png)\n', dir);
  assert.deepEqual(rules(messages), ['3:1 image-outside-content', '5:1 image-outside-content', '7:1 link-outside-content']);
  assert.doesNotMatch(html, /base64/);
});
