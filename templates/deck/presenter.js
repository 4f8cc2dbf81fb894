/*
 * guidepress presenter: turns the Marp slides of deck.html into a deck to present from one file,
 * offline. Keys, click, tap and swipe move between slides; the address keeps the slide number
 * (#3); `o` shows every slide, `f` goes fullscreen, `?` lists the keys, and `p` opens a presenter
 * window (this same file with ?view=presenter) with the notes, the next slide, a timer and the
 * clock. The two windows keep in step by messages: a BroadcastChannel, and postMessage between
 * the window and its opener (file:// pages may not share a channel in every browser).
 */
(function () {
  'use strict';
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById('deck-data').textContent);
  var slides = Array.prototype.slice.call(document.querySelectorAll('.deck .marpit > svg[data-marpit-svg]'));
  if (!slides.length) return;

  var presenterView = /[?&]view=presenter\b/.test(location.search);
  var progress = document.querySelector('.progress span');
  var help = document.getElementById('help');
  var current = -1;
  var peer = presenterView ? window.opener : null;
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('guidepress:' + data.id) : null;

  root.classList.add('js');
  if (presenterView) root.classList.add('presenter-view');

  function clamp(i) { return Math.max(0, Math.min(slides.length - 1, i)); }
  function fromHash() {
    var match = /^#(\d+)$/.exec(location.hash);
    return match ? clamp(parseInt(match[1], 10) - 1) : 0;
  }

  function go(i, fromPeer) {
    i = clamp(i);
    if (i === current) return;
    if (current >= 0) {
      slides[current].classList.remove('current');
      slides[current].removeAttribute('aria-current');
    }
    current = i;
    slides[i].classList.add('current');
    slides[i].setAttribute('aria-current', 'page');
    if (location.hash !== '#' + (i + 1)) history.replaceState(null, '', '#' + (i + 1));
    progress.style.width = (slides.length > 1 ? (i / (slides.length - 1)) * 100 : 100) + '%';
    if (root.classList.contains('overview')) slides[i].scrollIntoView({ block: 'nearest' });
    if (presenterView) showPresenter();
    if (!fromPeer) send({ type: 'goto', index: i });
  }
  function next() { go(current + 1); }
  function prev() { go(current - 1); }

  function send(message) {
    message.deck = data.id;
    if (channel) channel.postMessage(message);
    if (peer && !peer.closed) {
      try { peer.postMessage(message, '*'); } catch { /* the other window has gone */ }
    }
  }
  function receive(message) {
    if (!message || message.deck !== data.id) return;
    if (message.type === 'goto' && typeof message.index === 'number') go(message.index, true);
  }
  if (channel) channel.onmessage = function (event) { receive(event.data); };
  window.addEventListener('message', function (event) {
    if (event.source && (event.source === peer || event.source === window.opener)) receive(event.data);
  });

  function openPresenter() {
    var url = location.href.replace(/[?#].*$/, '') + '?view=presenter#' + (current + 1);
    var opened = window.open(url, 'guidepress-presenter-' + data.id, 'popup,width=1280,height=800');
    if (opened) peer = opened;
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen().catch(function () { /* refused: stay as we are */ });
  }

  function toggleOverview(open) {
    var on = open === undefined ? !root.classList.contains('overview') : open;
    root.classList.toggle('overview', on);
    if (on) slides[current].scrollIntoView({ block: 'center' });
  }

  function toggleHelp(open) { help.hidden = open === undefined ? !help.hidden : !open; }

  // The presenter window: copies of the current and next slide, the notes, the times.
  var started = Date.now();
  function copyInto(slot, svg) {
    slot.textContent = '';
    if (!svg) {
      var end = document.createElement('p');
      end.className = 'end';
      end.textContent = (data.labels && data.labels.endOfDeck) || 'End of the deck';
      slot.appendChild(end);
      return;
    }
    var wrapper = document.createElement('div');
    wrapper.className = 'marpit';
    var copy = svg.cloneNode(true);
    copy.classList.remove('current');
    copy.removeAttribute('aria-current');
    wrapper.appendChild(copy);
    slot.appendChild(wrapper);
  }
  function showPresenter() {
    copyInto(document.querySelector('.presenter-current .slot'), slides[current]);
    copyInto(document.querySelector('.presenter-next .slot'), slides[current + 1]);
    var notes = document.querySelector('.presenter-notes');
    notes.textContent = '';
    (data.notes[current] || []).forEach(function (text) {
      var p = document.createElement('p');
      p.textContent = text;
      notes.appendChild(p);
    });
    notes.scrollTop = 0;
    document.querySelector('.presenter .counter').textContent = (current + 1) + ' / ' + slides.length;
  }
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function tick() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    var h = Math.floor(seconds / 3600);
    var m = Math.floor(seconds / 60) % 60;
    document.querySelector('.presenter .elapsed').textContent = (h ? h + ':' + pad(m) : m) + ':' + pad(seconds % 60);
    var now = new Date();
    document.querySelector('.presenter .clock').textContent = pad(now.getHours()) + ':' + pad(now.getMinutes());
  }
  if (presenterView) {
    tick();
    setInterval(tick, 1000);
  }

  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var overview = root.classList.contains('overview');
    switch (event.key) {
      case 'ArrowRight': case 'ArrowDown': case 'PageDown': case 'n': next(); break;
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Backspace': prev(); break;
      case ' ': if (event.shiftKey) prev(); else next(); break;
      case 'Enter': if (overview) toggleOverview(false); else next(); break;
      case 'Home': go(0); break;
      case 'End': go(slides.length - 1); break;
      case 'f': case 'F': toggleFullscreen(); break;
      case 'o': case 'O': if (!presenterView) toggleOverview(); break;
      case 'p': case 'P': if (!presenterView) openPresenter(); break;
      case 'r': case 'R': if (presenterView) { started = Date.now(); tick(); } break;
      case '?': toggleHelp(); break;
      case 'Escape': toggleHelp(false); toggleOverview(false); break;
      default: return;
    }
    event.preventDefault();
  });

  document.getElementById('deck').addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest('a')) return;
    if (root.classList.contains('overview')) {
      var svg = event.target.closest && event.target.closest('svg[data-marpit-svg]');
      if (svg) go(slides.indexOf(svg));
      toggleOverview(false);
      return;
    }
    if (event.clientX < window.innerWidth * 0.25) prev();
    else next();
  });
  help.addEventListener('click', function () { toggleHelp(false); });

  var touch = null;
  document.addEventListener('touchstart', function (event) {
    var t = event.changedTouches[0];
    touch = { x: t.clientX, y: t.clientY };
  }, { passive: true });
  document.addEventListener('touchend', function (event) {
    if (!touch || root.classList.contains('overview')) return;
    var t = event.changedTouches[0];
    var dx = t.clientX - touch.x;
    var dy = t.clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) {
      if (dx < 0) next(); else prev();
      event.preventDefault();
    }
  });

  window.addEventListener('hashchange', function () { go(fromHash()); });
  go(fromHash(), true);
})();
