/**
 * The inbox's browser script: plain ES2017, no framework, no build. It keeps a copy of the
 * sandbox's state from the `snapshot` event and applies each live event to it. All text goes
 * through `textContent`, never `innerHTML`: message bodies are untrusted input.
 */
export const INBOX_SCRIPT = String.raw`
(function () {
  'use strict';
  var MAX_ROWS = 500;
  var messages = new Map();
  var otps = [];
  var reminders = new Map();
  var batches = new Map();
  var balances = {};
  var selected = null;
  var followLatest = true;

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function pretty(to) {
    var m = /^(?:63|0)(9\d{2})(\d{3})(\d{4})$/.exec(to);
    return m ? '+63 ' + m[1] + ' ' + m[2] + ' ' + m[3] : to;
  }
  function clock(iso) { return iso ? iso.slice(11, 19) : ''; }
  function day(iso) { return iso ? iso.slice(0, 10) + ' ' + iso.slice(11, 16) : ''; }
  function maskToken(token) { return token.length > 10 ? token.slice(0, 4) + '…' + token.slice(-4) : token; }
  function pill(status) { return el('span', 'pill ' + status, status); }
  function encoding(e) { return el('span', 'enc ' + (e === 'UCS-2' ? 'ucs' : 'gsm'), e); }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function messageRow(m) {
    var tr = el('tr');
    tr.dataset.messageId = m.id;
    tr.dataset.to = m.to;
    tr.appendChild(el('td', 'time mono', clock(m.createdAt)));
    tr.appendChild(el('td', 'to', pretty(m.to)));
    var text = el('td', 'text');
    if (m.source !== 'send') text.appendChild(el('span', 'tag', m.source));
    text.appendChild(document.createTextNode(m.message));
    tr.appendChild(text);
    var enc = el('td'); enc.appendChild(encoding(m.encoding)); tr.appendChild(enc);
    tr.appendChild(el('td', 'num', m.parts));
    tr.appendChild(el('td', 'num', m.cost));
    var st = el('td', 'status'); st.appendChild(pill(m.status)); tr.appendChild(st);
    tr.addEventListener('click', function () { select(m.to, true); });
    return tr;
  }

  function renderCount() {
    $('message-count').textContent = String(messages.size);
    $('messages-empty').hidden = messages.size > 0;
  }

  function renderMessages() {
    var body = $('messages');
    body.textContent = '';
    var list = Array.from(messages.values()).slice(-MAX_ROWS).reverse();
    for (var i = 0; i < list.length; i++) body.appendChild(messageRow(list[i]));
    renderCount();
  }

  function addMessage(m) {
    messages.set(m.id, m);
    var body = $('messages');
    var row = messageRow(m);
    row.classList.add('fresh');
    body.insertBefore(row, body.firstChild);
    while (body.children.length > MAX_ROWS) body.removeChild(body.lastChild);
    renderCount();
    if (followLatest || selected === null) selected = m.to;
    renderRecipients();
    renderPhone();
  }

  function setStatus(change) {
    var m = messages.get(change.id);
    if (!m) return;
    m.status = change.status;
    m.updatedAt = change.updatedAt;
    var row = document.querySelector('tr[data-message-id="' + CSS.escape(change.id) + '"] td.status');
    if (row) { row.textContent = ''; row.appendChild(pill(change.status)); }
    if (m.to === selected) renderPhone();
  }

  function recipients() {
    var counts = new Map();
    messages.forEach(function (m) { counts.set(m.to, (counts.get(m.to) || 0) + 1); });
    return counts;
  }

  function renderRecipients() {
    var box = $('recipients');
    box.textContent = '';
    recipients().forEach(function (count, to) {
      var button = el('button', 'recipient', pretty(to));
      button.type = 'button';
      button.dataset.to = to;
      button.setAttribute('aria-pressed', to === selected ? 'true' : 'false');
      button.appendChild(el('span', 'n', count));
      button.addEventListener('click', function () { select(to, true); });
      box.appendChild(button);
    });
  }

  function select(to, byHand) {
    selected = to;
    if (byHand) followLatest = false;
    renderRecipients();
    renderPhone();
  }

  function renderPhone() {
    var thread = $('thread');
    thread.textContent = '';
    if (selected === null) {
      $('phone-number').textContent = 'No recipient yet';
      $('phone-sub').textContent = 'Messages appear here';
      $('phone-avatar').textContent = '?';
      return;
    }
    var mine = Array.from(messages.values()).filter(function (m) { return m.to === selected; });
    $('phone-number').textContent = pretty(selected);
    $('phone-sub').textContent = plural(mine.length, 'message');
    $('phone-avatar').textContent = selected.slice(-2);
    mine.slice(-100).forEach(function (m) {
      var bubble = el('div', 'bubble');
      bubble.dataset.messageId = m.id;
      if (m.senderName) bubble.appendChild(el('div', 'sender', m.senderName));
      bubble.appendChild(document.createTextNode(m.message));
      var meta = el('div', 'meta');
      meta.appendChild(el('span', null, clock(m.createdAt)));
      meta.appendChild(encoding(m.encoding));
      meta.appendChild(el('span', null, plural(m.parts, 'part') + ' · ' + plural(m.cost, 'credit')));
      meta.appendChild(pill(m.status));
      bubble.appendChild(meta);
      thread.appendChild(bubble);
    });
    thread.scrollTop = thread.scrollHeight;
  }

  // The sandbox clock may be set apart from the wall clock: keep the difference.
  var clockOffset = 0;
  function otpState(o) {
    if (o.confirmed) return 'verified';
    if (Date.parse(o.expiresAt) < Date.now() + clockOffset) return 'expired';
    return o.usable ? 'active' : 'replaced';
  }

  function renderOtps() {
    var body = $('otps');
    body.textContent = '';
    otps.slice().reverse().forEach(function (o) {
      var tr = el('tr');
      tr.dataset.messageId = o.messageId;
      tr.appendChild(el('td', 'to', pretty(o.to)));
      tr.appendChild(el('td', 'code mono', o.code));
      tr.appendChild(el('td', 'mono', clock(o.expiresAt)));
      var st = el('td'); st.appendChild(pill(otpState(o))); tr.appendChild(st);
      body.appendChild(tr);
    });
    $('otp-count').textContent = String(otps.length);
    $('otps-empty').hidden = otps.length > 0;
  }

  function upsertOtp(o) {
    var found = false;
    for (var i = 0; i < otps.length; i++) {
      if (otps[i].messageId === o.messageId) { otps[i] = o; found = true; }
      else if (otps[i].to === o.to && !o.confirmed) otps[i].usable = false;
    }
    if (!found) otps.push(o);
    renderOtps();
  }

  function renderReminders() {
    var body = $('reminders');
    body.textContent = '';
    reminders.forEach(function (r) {
      var tr = el('tr');
      tr.dataset.reminderId = String(r.id);
      tr.appendChild(el('td', 'num', r.id));
      tr.appendChild(el('td', 'to', pretty(r.phone_number)));
      tr.appendChild(el('td', 'text', r.message));
      tr.appendChild(el('td', 'mono', day(r.scheduled_at)));
      var st = el('td'); st.appendChild(pill(r.status)); tr.appendChild(st);
      body.appendChild(tr);
    });
    $('reminder-count').textContent = String(reminders.size);
    $('reminders-empty').hidden = reminders.size > 0;
  }

  // A batch row: its counts, a bar of the recipients that reached an end (sent, failed or
  // unknown), and 'sending' until nothing is queued or sending.
  function batchRow(b) {
    var tr = el('tr');
    tr.dataset.batchId = b.batchId;
    tr.appendChild(el('td', 'mono', b.batchId));
    var ended = b.sent + b.failed + b.unknown;
    var bar = el('td');
    var progress = document.createElement('progress');
    progress.max = Math.max(b.total, 1);
    progress.value = ended;
    bar.appendChild(progress);
    var under = b.queued + b.sending > 0;
    var state = pill(under ? 'sending' : (b.failed + b.unknown > 0 ? 'failed' : 'sent'));
    state.classList.add('state');
    state.textContent = under ? ended + ' / ' + b.total : 'done';
    bar.appendChild(state);
    tr.appendChild(bar);
    ['total', 'queued', 'sending', 'sent', 'failed', 'unknown'].forEach(function (name) {
      var cell = el('td', 'num ' + name, b[name]);
      if ((name === 'failed' || name === 'unknown') && b[name] > 0) cell.classList.add('bad');
      tr.appendChild(cell);
    });
    return tr;
  }

  function renderBatches() {
    var body = $('batches');
    body.textContent = '';
    Array.from(batches.values()).reverse().forEach(function (b) { body.appendChild(batchRow(b)); });
    $('batch-count').textContent = String(batches.size);
    $('batches-empty').hidden = batches.size > 0;
  }

  function renderBalances() {
    var box = $('balances');
    box.textContent = '';
    Object.keys(balances).forEach(function (token) {
      var chip = el('span', 'chip', maskToken(token) + ': ');
      chip.appendChild(el('b', null, balances[token]));
      chip.appendChild(document.createTextNode(' credits'));
      box.appendChild(chip);
    });
  }

  function load(snapshot) {
    messages = new Map();
    snapshot.messages.forEach(function (m) { messages.set(m.id, m); });
    otps = snapshot.otps.slice();
    reminders = new Map();
    snapshot.reminders.forEach(function (r) { reminders.set(r.id, r); });
    batches = new Map();
    (snapshot.batches || []).forEach(function (b) { batches.set(b.batchId, b); });
    balances = snapshot.balances;
    clockOffset = Date.parse(snapshot.now) - Date.now();
    var last = snapshot.messages[snapshot.messages.length - 1];
    if (selected === null || !recipients().has(selected)) selected = last ? last.to : null;
    renderMessages(); renderRecipients(); renderPhone(); renderOtps(); renderReminders(); renderBalances(); renderBatches();
  }

  function on(source, type, handle) {
    source.addEventListener(type, function (event) { handle(JSON.parse(event.data)); });
  }

  $('base-url').textContent = location.origin;
  setInterval(renderOtps, 5000);
  $('clear').addEventListener('click', function () {
    fetch('/__sandbox/messages', { method: 'DELETE' });
  });

  var live = $('live');
  var source = new EventSource('/__sandbox/events');
  source.onopen = function () { live.dataset.state = 'live'; $('live-text').textContent = 'live'; };
  source.onerror = function () { live.dataset.state = 'down'; $('live-text').textContent = 'reconnecting…'; };
  on(source, 'snapshot', load);
  on(source, 'reset', load);
  on(source, 'message', addMessage);
  on(source, 'message-status', setStatus);
  on(source, 'otp', upsertOtp);
  on(source, 'reminder', function (r) {
    if (r.deleted) reminders.delete(r.id); else reminders.set(r.id, r);
    renderReminders();
  });
  on(source, 'balance', function (b) { balances = b.balances; renderBalances(); });
  on(source, 'batch', function (b) {
    batches.set(b.batchId, b); // a new one goes last, as in the snapshot; others keep their place
    while (batches.size > 50) batches.delete(batches.keys().next().value);
    renderBatches();
  });
  on(source, 'cleared', function () {
    messages = new Map(); otps = []; selected = null; followLatest = true;
    renderMessages(); renderRecipients(); renderPhone(); renderOtps();
  });
})();
`
