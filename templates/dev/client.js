/* guidepress dev: updates this page when what it shows is rebuilt (the body swapped in place when it can, else a reload), and shows content errors over it.
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

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  // A page that runs no script but this one (a handout, the book) whose head is unchanged (the same
  // styles and fonts) gets the new body in place: no navigation, no fonts loaded again, the scroll
  // kept as it is. Anything else (a deck's presenter, new fonts) reloads.
  var lastProblems = [];
  var lastBuilding = false;
  function swap() {
    if (document.scripts.length !== 1 || !window.fetch || !window.DOMParser) return reload();
    fetch(location.pathname, { cache: 'no-store' })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        if (next.head.innerHTML !== document.head.innerHTML) return reload();
        var y = window.scrollY;
        document.body.replaceWith(document.adoptNode(next.body));
        overlay = undefined;
        badge = undefined;
        window.scrollTo(0, y);
        showProblems(lastProblems);
        showBuilding(lastBuilding);
      })
      .catch(reload);
  }

  var events = new EventSource('/__guidepress/events');
  events.addEventListener('reload', function (event) {
    var paths = JSON.parse(event.data);
    if (paths.indexOf('*') !== -1) return reload();
    if (paths.indexOf(location.pathname) === -1) return;
    swap();
  });
  events.addEventListener('problems', function (event) { lastProblems = JSON.parse(event.data); showProblems(lastProblems); });
  events.addEventListener('building', function (event) { lastBuilding = JSON.parse(event.data); showBuilding(lastBuilding); });
})();
