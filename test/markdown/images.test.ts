import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plain, render } from '../helpers/guide.js';

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
