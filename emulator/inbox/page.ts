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
    <span class="logo" aria-hidden="true"><svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><rect x="3" y="5" width="18" height="14" rx="2.5"/><path d="m4 7 8 6 8-6"/></svg></span>
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
    <div class="empty-icon" aria-hidden="true"><svg viewBox="0 0 24 24" width="40" height="40" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round"><path d="M3 13.5 5.6 6.6A2 2 0 0 1 7.5 5.3h9a2 2 0 0 1 1.9 1.3L21 13.5V17a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/><path d="M3 13.5h5l1.5 2.5h5l1.5-2.5h5"/></svg></div>
    <h2>No messages yet</h2>
    <p>Sign in from the app and the magic link appears here within a second. No reload needed.</p>
  </section>
</main>
</body>
</html>
`;
