// Browser downloads are not possible on every machine guidepress runs on (and CI installs Debian's
// chromium), so npm install never fetches one; src/browser.ts finds a browser at run time.
module.exports = { skipDownload: true };
