// The manifest is read by the book and the EPUB alike, so it lives in shared/.
export * from '../shared/manifest.js';
