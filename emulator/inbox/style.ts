// The inbox stylesheet: system fonts, one accent colour, light and dark via prefers-color-scheme.
export const INBOX_STYLE = `
:root {
  --bg: #f6f7f9; --card: #ffffff; --text: #1b1f24; --muted: #5d6673; --line: #e3e6eb;
  --accent: #5b4bdb; --accent-text: #ffffff; --accent-soft: #ecebfd;
  --login: #1f7a4d; --login-bg: #e3f5eb; --signup: #8a5a00; --signup-bg: #fdf1d8;
  --invite: #2b5fb3; --invite-bg: #e3ecfb; --expired: #a33a3a;
  --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111318; --card: #1a1d24; --text: #e8eaee; --muted: #9aa3b0; --line: #2a2f39;
    --accent: #8b7dff; --accent-text: #0f0d1f; --accent-soft: #25223f;
    --login: #6fd3a0; --login-bg: #16352a; --signup: #f2c46b; --signup-bg: #3a2e12;
    --invite: #8db4ff; --invite-bg: #1a2a47; --expired: #ff8a8a;
    --shadow: 0 1px 2px rgba(0, 0, 0, .4);
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.top {
  display: flex; align-items: center; justify-content: space-between; gap: 16px; flex-wrap: wrap;
  max-width: 860px; margin: 0 auto; padding: 32px 24px 8px;
}
.brand { display: flex; align-items: center; gap: 14px; }
.logo {
  display: grid; place-items: center; width: 44px; height: 44px; border-radius: 12px;
  background: var(--accent-soft); color: var(--accent); font-size: 22px;
}
h1 { margin: 0; font-size: 22px; font-weight: 650; letter-spacing: -.01em; }
.sub { margin: 2px 0 0; color: var(--muted); font-size: 14px; }
.status { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 13px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--muted); }
.dot.live { background: #2fb170; box-shadow: 0 0 0 3px rgba(47, 177, 112, .18); }
.dot.down { background: var(--expired); }
main { max-width: 860px; margin: 0 auto; padding: 8px 24px 48px; }
.toolbar { display: flex; align-items: center; justify-content: space-between; margin: 12px 0; min-height: 34px; }
.count { color: var(--muted); font-size: 13px; }
.messages { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.message {
  background: var(--card); border: 1px solid var(--line); border-radius: 12px; box-shadow: var(--shadow);
  padding: 16px 18px; display: grid; grid-template-columns: 1fr auto; gap: 6px 16px; align-items: center;
}
.message.fresh { animation: arrive .5s ease-out; }
@keyframes arrive { from { transform: translateY(-6px); opacity: 0; } to { transform: none; opacity: 1; } }
.line1 { display: flex; align-items: center; gap: 10px; min-width: 0; }
.to { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.kind {
  flex: none; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em;
  padding: 2px 8px; border-radius: 999px;
}
.kind.login { color: var(--login); background: var(--login-bg); }
.kind.signup { color: var(--signup); background: var(--signup-bg); }
.kind.invite { color: var(--invite); background: var(--invite-bg); }
.meta { grid-column: 1; display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--muted); font-size: 13px; }
.meta .expired { color: var(--expired); font-weight: 600; }
.token { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.actions { grid-column: 2; grid-row: 1 / span 2; display: flex; gap: 8px; }
.button, button {
  appearance: none; border: 1px solid transparent; border-radius: 8px; padding: 8px 14px; cursor: pointer;
  font: inherit; font-size: 14px; font-weight: 600; text-decoration: none; white-space: nowrap;
}
.button.primary { background: var(--accent); color: var(--accent-text); }
.button.primary:hover { filter: brightness(1.08); }
.button.secondary { background: transparent; color: var(--accent); border-color: var(--accent); }
.button.secondary:hover { background: var(--accent-soft); }
button.ghost { background: transparent; color: var(--muted); border-color: var(--line); padding: 6px 12px; font-size: 13px; }
button.ghost:hover { color: var(--text); }
.button:focus-visible, button:focus-visible { outline: 3px solid var(--accent-soft); outline-offset: 2px; }
.empty {
  text-align: center; padding: 56px 24px; border: 1.5px dashed var(--line); border-radius: 14px; color: var(--muted);
}
.empty h2 { margin: 8px 0 4px; color: var(--text); font-size: 18px; font-weight: 600; }
.empty p { margin: 0 auto; max-width: 380px; }
.empty-icon { color: var(--accent); opacity: .8; line-height: 0; }
.dest { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 100%; }
@media (max-width: 560px) {
  .message { grid-template-columns: 1fr; }
  .actions { grid-column: 1; grid-row: auto; margin-top: 6px; }
}
`;
