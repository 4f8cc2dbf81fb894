/* guidepress dev: reloads this page when what it shows is rebuilt, and shows content errors over it.
   The page keeps its place: a deck its slide (the #N in its URL survives a reload), any other page
   its scroll position (kept in sessionStorage for the one reload). */
(function () {
  'use strict';
  var key = 'guidepress-dev:scroll:' + location.pathname;
  // Ours, not the browser's: it restores before the web fonts have loaded and the text has its height.
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', restore);
    else restore();
    // Text set in web fonts can change height once they load: scroll again then.
    if (document.fonts) document.fonts.ready.then(restore);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function whenBody(fn) {
    if (document.body) fn();
    else document.addEventListener('DOMContentLoaded', fn);
  }

  var overlay;
  function showProblems(problems) {
    whenBody(function () {
      if (overlay) overlay.remove();
      overlay = undefined;
      if (!problems.length) return;
      overlay = element('div', 'guidepress-dev-overlay');
      overlay.setAttribute('role', 'alert');
      var box = element('div', 'guidepress-dev-box');
      box.appendChild(element('h2', '', problems.length === 1 ? '1 error in the content' : problems.length + ' errors in the content'));
      problems.forEach(function (p) {
        var item = element('div', 'guidepress-dev-problem');
        item.appendChild(element('p', 'guidepress-dev-where', p.file + (p.line ? ':' + p.line + ':' + p.column : '')));
        var message = element('p', 'guidepress-dev-message', p.message);
        if (p.rule) message.appendChild(element('span', 'guidepress-dev-rule', p.rule));
        item.appendChild(message);
        box.appendChild(item);
      });
      box.appendChild(element('p', 'guidepress-dev-hint', 'Fix the file and save: this page updates by itself. What was built before stays as it was.'));
      overlay.appendChild(box);
      document.body.appendChild(overlay);
    });
  }

  var badge;
  function showBuilding(building) {
    whenBody(function () {
      if (!badge) {
        badge = element('div', 'guidepress-dev-badge', 'building…');
        document.body.appendChild(badge);
      }
      badge.hidden = !building;
    });
  }

  var events = new EventSource('/__guidepress/events');
  events.addEventListener('reload', function (event) {
    var paths = JSON.parse(event.data);
    if (paths.indexOf('*') === -1 && paths.indexOf(location.pathname) === -1) return;
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener('problems', function (event) { showProblems(JSON.parse(event.data)); });
  events.addEventListener('building', function (event) { showBuilding(JSON.parse(event.data)); });
})();
