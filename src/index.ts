/** guidepress: markdown guides into print-ready PDF handouts, Marp talk decks and a PDF book. */
export { build, type BuildResult, type BuildHooks, type BuildStep, type BuildOptions } from './build.js';
export { check, type CheckResult } from './check.js';
export { dev, type Dev, type DevOptions, type DevEvents, type Problem, type Plan } from './dev/index.js';
export { findBrowser, launchBrowser, withPage } from './browser.js';
export { BrowserSession } from './session.js';
export { resolveConfig, defaults, type Config, type ConfigInput, type Paper, type Artifact } from './config.js';
export { findGuides, type GuideEntry } from './content/find.js';
export { loadGuide, type Guide } from './content/guide.js';
export type { GuideMeta } from './content/meta.js';
export { parseGuide, toHast, toHtml } from './markdown/pipeline.js';
export { buildHandout, renderHandoutHtml } from './handout/index.js';
export { buildDeck, extractDeck, toMarp, renderMarp, presenterHtml, type Deck, type Slide, type SlideKind } from './deck/index.js';
export { buildBook, parseManifest, paginate, type BookResult, type Book, type BookChapter, type BookSection } from './book/index.js';
export { buildBookEpub, buildEpub, type BookEpubResult } from './epub/index.js';
export { printHtml, setPdfMetadata } from './shared/pdf.js';
export { ExitCode, GuidepressError, UsageError, EnvironmentError, hasErrors } from './errors.js';
export { version } from './version.js';
