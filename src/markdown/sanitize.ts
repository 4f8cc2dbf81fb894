import { defaultSchema } from 'rehype-sanitize';

type Schema = typeof defaultSchema;

/**
 * The allow-list for raw HTML in guides: GitHub's schema (no script, style, iframes, objects,
 * forms, event handlers or `javascript:` URLs), plus the harmless structure that real guide pages
 * use (`<div class="pull">`, `<span class="date">`, figures, asides), with any class kept.
 * Ids are kept as written: guidepress owns the whole document, so it needs no clobber prefix.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  clobber: [],
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'figure', 'figcaption', 'section', 'aside', 'header', 'footer', 'mark', 'abbr', 'small', 'u', 'cite', 'time', 'caption',
  ],
  // Elements whose content is code or markup, not text: without this a `<style>` block's CSS would
  // print as a paragraph. (`<noscript>` and `<iframe>` hold markup that parse5 reads as raw text.)
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'noembed', 'noframes', 'xmp', 'textarea', 'title', 'select', 'option'],
  // Inputs only as task-list checkboxes: a form's fields would otherwise print as empty boxes.
  ancestors: { ...defaultSchema.ancestors, input: ['li'] },
  // Paper cannot unfold a <details>: it always prints open.
  required: { ...defaultSchema.required, details: { open: true } },
  attributes: {
    ...withAnyClass(defaultSchema.attributes ?? {}),
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'id', 'lang', 'dir', 'title'],
    code: ['className'],
    div: ['className'],
    span: ['className'],
    time: ['dateTime'],
    abbr: ['title'],
    details: ['open'],
    img: [...(defaultSchema.attributes?.img ?? []), 'alt', 'width', 'height', 'title'],
  },
};

/** GitHub's schema limits `class` on some elements (lists, code) to its own values: allow any class there. */
function withAnyClass(attributes: NonNullable<Schema['attributes']>): NonNullable<Schema['attributes']> {
  return Object.fromEntries(
    Object.entries(attributes).map(([tag, list]) => [
      tag,
      list.map((entry) => (Array.isArray(entry) && entry[0] === 'className' ? 'className' : entry)),
    ]),
  );
}
