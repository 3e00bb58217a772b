// The inbox page's script, served as /inbox/inbox.js. It polls a tiny version endpoint every
// second and re-fetches the outbox only when it changed. The rule: message fields are put in
// the page with textContent only, never as HTML, since they echo what clients sent.
export const INBOX_SCRIPT = `'use strict';
(function () {
  var list = document.getElementById('messages');
  var empty = document.getElementById('empty');
  var count = document.getElementById('count');
  var dot = document.getElementById('live-dot');
  var liveText = document.getElementById('live-text');
  var clearButton = document.getElementById('clear');
  var lastVersion = -1;
  var seen = new Set();
  var messages = [];
  var openInApp = false;
  var serverNow = Date.now();
  var ticks = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function ago(ms) {
    var s = Math.round(ms / 1000);
    if (s < 45) return 'just now';
    var m = Math.round(s / 60);
    if (m < 60) return m + ' min ago';
    var h = Math.round(m / 60);
    if (h < 48) return h + ' h ago';
    return Math.round(h / 24) + ' days ago';
  }

  function until(ms) {
    var m = Math.round(ms / 60000);
    if (m < 1) return 'in under a minute';
    if (m < 120) return 'in ' + m + ' min';
    var h = Math.round(m / 60);
    if (h < 48) return 'in ' + h + ' h';
    return 'in ' + Math.round(h / 24) + ' days';
  }

  function shortToken(token) {
    return token.length > 12 ? token.slice(0, 6) + '…' + token.slice(-4) : '••••';
  }

  function openInAppButton(message) {
    var button = el('button', 'button secondary', 'Open in app');
    button.type = 'button';
    button.addEventListener('click', function () {
      button.disabled = true;
      fetch('/__emulator/outbox/' + encodeURIComponent(message.id) + '/open-in-app', { method: 'POST' })
        .then(function (r) { button.textContent = r.ok ? 'Sent to app ✓' : 'Could not open'; })
        .catch(function () { button.textContent = 'Could not open'; })
        .finally(function () { setTimeout(function () { button.textContent = 'Open in app'; button.disabled = false; }, 2000); });
    });
    return button;
  }

  function card(message) {
    var item = el('li', 'message');
    item.dataset.id = message.id;
    item.dataset.kind = message.kind;
    if (lastVersion !== -1 && !seen.has(message.id)) item.classList.add('fresh');

    var line1 = el('div', 'line1');
    line1.appendChild(el('span', 'to', message.to));
    line1.appendChild(el('span', 'kind ' + message.kind, message.kind));
    item.appendChild(line1);

    var meta = el('div', 'meta');
    var created = Date.parse(message.created_at);
    var expires = Date.parse(message.expires_at);
    var sent = el('span', '', 'Sent ' + new Date(created).toLocaleTimeString() + ' · ' + ago(serverNow - created));
    sent.title = new Date(created).toLocaleString();
    meta.appendChild(sent);
    var left = expires - serverNow;
    var expiry = el('span', left <= 0 ? 'expired' : '', left <= 0 ? 'Expired' : 'Expires ' + until(left));
    expiry.title = new Date(expires).toLocaleString();
    meta.appendChild(expiry);
    meta.appendChild(el('span', 'token', 'token ' + shortToken(message.token)));
    var dest = el('span', 'dest', '→ ' + message.redirect_url);
    dest.title = 'Where the link sends the browser';
    meta.appendChild(dest);
    item.appendChild(meta);

    var actions = el('div', 'actions');
    var open = el('a', 'button primary', 'Open magic link');
    open.href = message.link;
    actions.appendChild(open);
    if (openInApp) actions.appendChild(openInAppButton(message));
    item.appendChild(actions);
    return item;
  }

  function render() {
    list.replaceChildren.apply(list, messages.map(card));
    messages.forEach(function (m) { seen.add(m.id); });
    empty.hidden = messages.length > 0;
    clearButton.hidden = messages.length === 0;
    count.textContent = messages.length === 0 ? '' : messages.length + (messages.length === 1 ? ' message' : ' messages');
  }

  function setLive(ok) {
    dot.className = 'dot ' + (ok ? 'live' : 'down');
    liveText.textContent = ok ? 'Live' : 'Emulator unreachable, retrying…';
  }

  function poll() {
    fetch('/__emulator/outbox/version', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        setLive(true);
        serverNow = Date.parse(state.now) || Date.now();
        openInApp = Boolean(state.open_in_app);
        // Relative times refresh every 15 s; a full re-render every poll would reset buttons.
        if (state.version === lastVersion) { ticks += 1; if (ticks % 15 === 0) render(); return; }
        return fetch('/__emulator/outbox', { cache: 'no-store' })
          .then(function (r) { return r.json(); })
          .then(function (list) { messages = list; render(); lastVersion = state.version; });
      })
      .catch(function () { setLive(false); })
      .finally(function () { setTimeout(poll, 1000); });
  }

  clearButton.addEventListener('click', function () {
    fetch('/__emulator/outbox', { method: 'DELETE' }).then(function () { lastVersion = -2; });
  });

  poll();
})();
`;
