import Mustache from 'mustache';

/** Text or an attribute value in XML: the five characters XML reserves, nothing else (Mustache's own escaping writes `/` as `&#x2F;`). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Fill an XML template (package, nav, XHTML, SVG): `{{x}}` escaped for XML, `{{{x}}}` as is. */
export function renderXml(template: string, view: object): string {
  return Mustache.render(template, view, undefined, { escape: (value: unknown) => escapeXml(String(value)) });
}
