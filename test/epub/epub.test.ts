import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { run } from '../helpers/cli.js';
import { fixtures } from '../helpers/guide.js';
import { tempDir } from '../helpers/tmp.js';

const content = join(fixtures, 'book/content');

/** Debian's EPUBCheck (`/usr/bin/epubcheck` is its jar): every message it prints, errors to infos. */
function epubcheck(path: string): { summary: string; problems: string[] } {
  let out: string;
  try {
    out = execFileSync('java', ['-jar', '/usr/bin/epubcheck', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    out = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  return { summary: /Messages:.*/.exec(out)?.[0] ?? out, problems: out.split('\n').filter((l) => /^(FATAL|ERROR|WARNING)/.test(l)) };
}

const files = (path: string) => unzipSync(readFileSync(path));
const text = (zip: Record<string, Uint8Array>, name: string) => strFromU8(zip[name]!);
const visible = (xhtml: string) => xhtml.replace(/<[^>]+>/g, ' ').replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/\s+/g, ' ');

describe('EPUB of the fixture book and its guides', () => {
  let out: string;
  let again: string;
  before(async () => {
    out = tempDir('epub');
    again = tempDir('epub-again');
    const { SOURCE_DATE_EPOCH: epoch, TZ: zone } = process.env;
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      // The second build in a time zone where that instant is already the next day: a zip's dates
      // are local fields, and must not follow the machine's zone.
      for (const [dir, tz] of [[out, 'UTC'], [again, 'Pacific/Kiritimati']] as const) {
        process.env.TZ = tz;
        const result = await run('build', '--content', content, '--out', dir, '--only', 'epub');
        assert.equal(result.code, 0, result.stderr);
      }
    } finally {
      if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = epoch;
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test('epubcheck: 0 errors and 0 warnings on the book and on a guide', () => {
    for (const path of [join(out, 'book/book.epub'), join(out, 'diana/diana.epub')]) {
      const { summary, problems } = epubcheck(path);
      assert.deepEqual(problems, [], `${path}: ${summary}`);
      assert.match(summary, /0 fatals \/ 0 errors \/ 0 warnings/);
    }
  });

  test('two builds with the same SOURCE_DATE_EPOCH give the same bytes, in any time zone; mimetype comes first, stored', () => {
    for (const name of ['book/book.epub', 'keavy/keavy.epub']) {
      assert.ok(readFileSync(join(out, name)).equals(readFileSync(join(again, name))), `${name} differs between two builds`);
    }
    const bytes = readFileSync(join(out, 'book/book.epub'));
    // A local file header whose name is `mimetype`, method 0 (stored), then the media type itself.
    assert.equal(bytes.readUInt16LE(8), 0);
    assert.equal(bytes.subarray(30, 38).toString(), 'mimetype');
    assert.equal(bytes.subarray(38, 58).toString(), 'application/epub+zip');
  });

  test("nav lists chapters, sections and headings in the spine's order; every section's text is there", () => {
    const zip = files(join(out, 'book/book.epub'));
    const opf = text(zip, 'EPUB/package.opf');
    const hrefOf = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => hrefOf.get(m[1]!)!);
    const nav = text(zip, 'EPUB/nav.xhtml');
    const toc = nav.slice(nav.indexOf('epub:type="toc"'), nav.indexOf('epub:type="landmarks"'));
    const navDocs = [...toc.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(navDocs, spine.filter((h) => h.startsWith('text/')));
    assert.deepEqual(spine.slice(0, 3), ['cover.xhtml', 'title.xhtml', 'nav.xhtml']);
    assert.deepEqual(navDocs, [
      'text/chapter-1.xhtml', 'text/what-staff-engineers-do.xhtml', 'text/staff-archetypes.xhtml',
      'text/chapter-2.xhtml', 'text/writing-engineering-strategy.xhtml', 'text/managing-technical-quality.xhtml',
      'text/chapter-3.xhtml', 'text/keavy.xhtml', 'text/diana.xhtml',
    ]);
    assert.match(toc, /href="text\/staff-archetypes.xhtml#the-tech-lead">The tech lead</);
    assert.match(nav, /epub:type="cover" href="cover.xhtml"/);
    assert.match(nav, /epub:type="bodymatter" href="text\/chapter-1.xhtml"/);
    // Every paragraph of every guide, as the handout's pipeline reads it, is in its document.
    for (const slug of ['what-staff-engineers-do', 'staff-archetypes', 'writing-engineering-strategy', 'managing-technical-quality', 'keavy', 'diana']) {
      const doc = visible(text(zip, `EPUB/text/${slug}.xhtml`));
      assert.doesNotMatch(doc, /\u00ad/, `${slug}: a soft hyphen`);
      const source = readFileSync(join(content, slug === 'keavy' || slug === 'diana' ? `stories/${slug}.md` : `guides/${slug}.md`), 'utf8');
      const paragraphs = source.split(/\n\n+/).filter((p) => /^[A-Z][a-z’',]* [A-Za-z]/.test(p) && !/[[*_`<$]/.test(p));
      assert.ok(paragraphs.length > 0, slug);
      for (const p of paragraphs) {
        const words = p.replace(/\s+/g, ' ').replace(/'/g, '’').replace(/"/g, '').slice(0, 60);
        assert.ok(doc.replace(/[“”]/g, '').includes(words), `${slug}: missing "${words}"`);
      }
    }
  });

  test('a footnote and its back-link resolve; a link between guides lands on the right document#anchor', () => {
    const zip = files(join(out, 'book/book.epub'));
    const doc = text(zip, 'EPUB/text/what-staff-engineers-do.xhtml');
    const ref = /<a href="#([^"]+)" id="([^"]+)"[^>]*epub:type="noteref"/.exec(doc);
    assert.ok(ref, 'a noteref');
    assert.match(doc, new RegExp(`<aside id="${ref[1]}" epub:type="footnote" role="doc-footnote"`));
    assert.match(doc, new RegExp(`<a href="#${ref[2]}"[^>]*role="doc-backlink"`));
    // diana.md: [the strategy guide](writing-engineering-strategy.md#synthesize-the-strategy)
    const diana = text(zip, 'EPUB/text/diana.xhtml');
    assert.match(diana, /<a href="writing-engineering-strategy.xhtml#synthesize-the-strategy">the strategy guide<\/a>/);
    assert.match(text(zip, 'EPUB/text/writing-engineering-strategy.xhtml'), /<h2 id="synthesize-the-strategy">/);
    // A guide's own EPUB has no document for another guide: the link goes to its page on the site.
    const alone = text(files(join(out, 'diana/diana.epub')), 'EPUB/text/diana.xhtml');
    assert.match(alone, /<a href="https:\/\/[^"]+#synthesize-the-strategy">the strategy guide<\/a>/);
  });

  test('no remote resource: images, fonts and styles are files of the package', () => {
    for (const name of ['book/book.epub', 'diana/diana.epub']) {
      const zip = files(join(out, name));
      const opf = text(zip, 'EPUB/package.opf');
      for (const [, href] of opf.matchAll(/<item [^>]*href="([^"]+)"/g)) assert.ok(zip[`EPUB/${href}`], `${name}: ${href} is not in the package`);
      assert.doesNotMatch(opf, /href="https?:/);
      for (const [path, data] of Object.entries(zip)) {
        if (!/\.(xhtml|css)$/.test(path)) continue;
        const source = strFromU8(data);
        assert.doesNotMatch(source, /\b(src|xlink:href)="(https?:)?\/\//, `${name}: ${path}`);
        assert.doesNotMatch(source, /url\(\s*['"]?(https?:)?\/\//, `${name}: ${path}`);
        assert.doesNotMatch(source, /<link[^>]+href="(https?:)?\/\//, `${name}: ${path}`);
      }
      assert.match(opf, /properties="cover-image"/);
      assert.match(opf, /<meta property="dcterms:modified">2023-11-14T22:13:20Z<\/meta>/);
      assert.match(opf, /<dc:identifier id="pub-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/);
      assert.ok(Object.keys(zip).some((p) => p.endsWith('.woff2')), `${name}: no font`);
    }
  });
});
