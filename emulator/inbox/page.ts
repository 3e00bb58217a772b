// The inbox page's markup; the list itself is rendered by inbox.js from the outbox API.
export const INBOX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Inbox · Stytch emulator</title>
<link rel="stylesheet" href="/inbox/inbox.css">
<script src="/inbox/inbox.js" defer></script>
</head>
<body>
<header class="top">
  <div class="brand">
    <span class="logo" aria-hidden="true">✉</span>
    <div>
      <h1>Dev inbox</h1>
      <p class="sub">Magic links sent by the local Stytch emulator. Nothing here leaves this machine.</p>
    </div>
  </div>
  <div class="status" aria-live="polite"><span class="dot" id="live-dot"></span><span id="live-text">Connecting…</span></div>
</header>
<main>
  <div class="toolbar">
    <span id="count" class="count"></span>
    <button type="button" id="clear" class="ghost">Clear inbox</button>
  </div>
  <ol id="messages" class="messages" aria-label="Messages"></ol>
  <section id="empty" class="empty" hidden>
    <div class="empty-icon" aria-hidden="true">📭</div>
    <h2>No messages yet</h2>
    <p>Sign in from the app and the magic link appears here within a second. No reload needed.</p>
  </section>
</main>
</body>
</html>
`;
