/**
 * The web inbox served at `/`: one self-contained page (inline CSS and plain JS, no build step,
 * no CDN: it must work offline). It reads the live feed at `/__sandbox/events` (server-sent
 * events) and renders everything with `textContent`, so message text can never inject markup.
 * Its security policy lets only its own inline script and style run (by a nonce drawn for each
 * load), lets it talk only to the sandbox, and forbids framing it in another page.
 */
import type { SandboxReply } from '../serve/wire.js'
import { INBOX_SCRIPT } from './script.js'
import { INBOX_STYLE } from './style.js'

const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IPROG SMS sandbox · inbox</title>
<style nonce="${nonce}">${INBOX_STYLE}</style>
</head>
<body>
<header class="bar">
  <div class="brand"><span class="logo">✉</span> IPROG SMS <span class="muted">sandbox inbox</span></div>
  <div class="live" id="live" data-state="connecting"><span class="dot"></span><span id="live-text">connecting…</span></div>
  <div class="base">Base URL <code id="base-url"></code></div>
  <div class="balances" id="balances" aria-label="Credit balances"></div>
  <button type="button" id="clear" class="clear">Clear inbox</button>
</header>
<main class="layout">
  <section class="card feed">
    <div class="card-head">
      <h2>Messages <span class="count" id="message-count">0</span></h2>
      <span class="muted small">newest first · Manila time</span>
    </div>
    <div class="table-wrap">
      <table class="messages">
        <thead><tr><th>Time</th><th>To</th><th>Message</th><th>Encoding</th><th>Parts</th><th>Cost</th><th>Status</th></tr></thead>
        <tbody id="messages"></tbody>
      </table>
      <p class="empty" id="messages-empty">No messages yet. Point a client at this sandbox and send one.</p>
    </div>
  </section>
  <aside class="side">
    <div class="recipients" id="recipients" aria-label="Recipients"></div>
    <div class="phone" aria-label="Phone view">
      <div class="phone-notch"></div>
      <div class="phone-head">
        <div class="avatar" id="phone-avatar">?</div>
        <div><div class="phone-number" id="phone-number">No recipient yet</div><div class="muted small" id="phone-sub">Messages appear here</div></div>
      </div>
      <div class="thread" id="thread"></div>
    </div>
  </aside>
  <section class="card batches">
    <div class="card-head">
      <h2>Batches <span class="count" id="batch-count">0</span></h2>
      <span class="muted small">from the app's delivery queue · live</span>
    </div>
    <div class="table-wrap">
      <table><thead><tr><th>Batch</th><th>Progress</th><th>Total</th><th>Queued</th><th>Sending</th><th>Sent</th><th>Failed</th><th>Unknown</th></tr></thead><tbody id="batches"></tbody></table>
      <p class="empty" id="batches-empty">No batches. An app that hands its queue to the sandbox (<code>watchBatches(queue)</code>) shows each bulk send here as it goes.</p>
    </div>
  </section>
  <section class="card otps">
    <div class="card-head"><h2>OTP codes <span class="count" id="otp-count">0</span></h2></div>
    <div class="table-wrap">
      <table><thead><tr><th>To</th><th>Code</th><th>Expires</th><th>State</th></tr></thead><tbody id="otps"></tbody></table>
      <p class="empty" id="otps-empty">No codes issued.</p>
    </div>
  </section>
  <section class="card reminders">
    <div class="card-head"><h2>Reminders <span class="count" id="reminder-count">0</span></h2></div>
    <div class="table-wrap">
      <table><thead><tr><th>#</th><th>To</th><th>Message</th><th>Scheduled</th><th>Status</th></tr></thead><tbody id="reminders"></tbody></table>
      <p class="empty" id="reminders-empty">No reminders scheduled.</p>
    </div>
  </section>
</main>
<script nonce="${nonce}">${INBOX_SCRIPT}</script>
</body>
</html>
`

const policy = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    // The live feed and the clear button talk to the sandbox only.
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
}

/**
 * The inbox page with its security headers, under a fresh nonce.
 *
 * @example
 * ```ts
 * inboxReply().headers?.['content-security-policy'] // "default-src 'none'; script-src 'nonce-…'; …"
 * ```
 */
export function inboxReply(): SandboxReply {
  const nonce = newNonce()
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: page(nonce),
    headers: {
      'content-security-policy': policy(nonce),
      // For browsers that predate `frame-ancestors`.
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  }
}
