import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plain, render } from '../helpers/guide.js';

test('Hugo shortcodes: figures, embeds, refs and paired markers print sensibly; the rest go with a warning', async () => {
  const { html, messages } = await render(`# T

{{< figure src="/images/portrait.png" caption="The team, in 2019" >}}

{{< youtube dQw4w9WgXcQ >}}

{{% notice tip %}}

Keep a brag document.

{{% /notice %}}

See [archetypes]({{< ref "staff-archetypes.md" >}}) and [strategy]({{< relref "/guides/strategy" >}}).

{{< newsletter-signup >}}

Text with an inline {{< sparkle >}} shortcode.
`);
  const out = plain(html);
  assert.match(out, /<figure class="figure"><img src="data:image\/png;base64,[^"]+" alt="The team, in 2019"><figcaption>The team, in 2019<\/figcaption><\/figure>/);
  assert.match(out, /<a href="https:\/\/www.youtube.com\/watch\?v=dQw4w9WgXcQ">Video on YouTube<\/a>/);
  assert.match(out, /<p>Keep a brag document.<\/p>/);
  // A link, to the path the shortcode names: whether a sibling `.md` prints as plain text is the handout's call (site-links.ts).
  assert.match(out, /<a href="staff-archetypes.md">archetypes<\/a>/);
  assert.match(out, /<a href="\/guides\/strategy">strategy<\/a>/);
  assert.match(out, /Text with an inline\s+shortcode\./);
  assert.doesNotMatch(out, /\{\{|\}\}|notice/);
  assert.deepEqual(messages.map((m) => m.replace(/: .*/, '')), ['15:1 hugo-shortcode', '17:1 hugo-shortcode']);
});

test('a figure whose caption has markdown in it is still a figure', async () => {
  const { html, messages } = await render('# T\n\n{{< figure src="/images/portrait.png" caption="The team in **Berlin**, see [the site](https://example.com)" >}}\n');
  assert.deepEqual(messages, []);
  assert.match(plain(html), /<figcaption>The team in Berlin, see the site<\/figcaption>/);
  assert.doesNotMatch(html, /\{\{/);
});
