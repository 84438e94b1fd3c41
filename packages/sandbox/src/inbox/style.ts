/** The inbox's stylesheet: system fonts only, nothing fetched. */
export const INBOX_STYLE = `
:root {
  --bg: #f4f6fa; --card: #fff; --ink: #1c2433; --muted: #6b7588; --line: #e4e8f0;
  --accent: #2563eb; --ok: #15803d; --ok-bg: #dcfce7; --bad: #b91c1c; --bad-bg: #fee2e2;
  --wait: #92400e; --wait-bg: #fef3c7; --gsm: #0f766e; --gsm-bg: #ccfbf1; --ucs: #7c2d12; --ucs-bg: #ffedd5;
  --bubble: #e9edf5; --radius: 12px;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
.muted { color: var(--muted); font-weight: 400; }
.small { font-size: 12px; }
.bar { position: sticky; top: 0; z-index: 2; display: flex; align-items: center; gap: 18px; flex-wrap: wrap;
  padding: 12px 24px; background: #111827; color: #f9fafb; }
.bar .muted { color: #9ca3af; }
.brand { font-weight: 700; font-size: 16px; display: flex; align-items: center; gap: 8px; }
.logo { display: inline-grid; place-items: center; width: 28px; height: 28px; border-radius: 8px; background: var(--accent); }
.live { display: flex; align-items: center; gap: 6px; font-size: 12px; color: #d1d5db; }
.live .dot { width: 9px; height: 9px; border-radius: 50%; background: #9ca3af; }
.live[data-state="live"] .dot { background: #22c55e; box-shadow: 0 0 0 3px rgba(34,197,94,.25); }
.live[data-state="down"] .dot { background: #ef4444; }
.base { font-size: 12px; color: #d1d5db; }
.base code { color: #f9fafb; background: #1f2937; padding: 2px 6px; border-radius: 6px; }
.balances { display: flex; gap: 6px; flex-wrap: wrap; margin-left: auto; }
.chip { font-size: 12px; padding: 3px 9px; border-radius: 999px; background: #1f2937; color: #e5e7eb; }
.chip b { color: #fff; }
.clear { font: inherit; font-size: 13px; padding: 6px 12px; border-radius: 8px; border: 1px solid #374151;
  background: #1f2937; color: #f9fafb; cursor: pointer; }
.clear:hover { background: #374151; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 380px; grid-template-rows: auto auto auto 1fr; grid-template-areas:
  "feed side" "batches side" "otps side" "reminders side"; gap: 18px; padding: 18px 24px 32px; align-items: start; }
.feed { grid-area: feed; } .side { grid-area: side; } .batches { grid-area: batches; } .otps { grid-area: otps; } .reminders { grid-area: reminders; }
@media (max-width: 1000px) { .layout { grid-template-columns: 1fr; grid-template-rows: none; grid-template-areas: "side" "feed" "batches" "otps" "reminders"; } }
.batches tbody tr { cursor: default; }
.batches progress { width: 140px; height: 10px; vertical-align: middle; accent-color: var(--ok); }
.batches .state { margin-left: 8px; }
td.bad { color: var(--bad); font-weight: 600; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; }
.card-head { display: flex; align-items: baseline; justify-content: space-between; padding: 12px 16px; border-bottom: 1px solid var(--line); }
h2 { margin: 0; font-size: 15px; }
.count { display: inline-block; min-width: 22px; padding: 0 7px; margin-left: 4px; border-radius: 999px;
  background: var(--bubble); color: var(--muted); font-size: 12px; text-align: center; }
.table-wrap { max-height: 520px; overflow: auto; }
table { width: 100%; border-collapse: collapse; }
th { position: sticky; top: 0; background: #f9fafc; text-align: left; font-size: 11px; font-weight: 600;
  text-transform: uppercase; letter-spacing: .04em; color: var(--muted); padding: 8px 12px; border-bottom: 1px solid var(--line); }
td { padding: 9px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #f8fafc; }
tr.fresh { animation: fresh 1.6s ease-out; }
@keyframes fresh { from { background: #dbeafe; } to { background: transparent; } }
td.text { max-width: 420px; white-space: pre-wrap; word-break: break-word; }
td.time, td.to { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.tag { display: inline-block; margin-right: 6px; padding: 0 6px; border-radius: 4px; font-size: 10px; font-weight: 600;
  text-transform: uppercase; letter-spacing: .04em; background: var(--bubble); color: var(--muted); vertical-align: 1px; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.pill.pending, .pill.sending { background: var(--wait-bg); color: var(--wait); }
.pill.completed, .pill.sent, .pill.verified, .pill.active { background: var(--ok-bg); color: var(--ok); }
.pill.failed, .pill.expired, .pill.unknown { background: var(--bad-bg); color: var(--bad); }
.pill.scheduled, .pill.replaced { background: #e0e7ff; color: #3730a3; }
.enc { font-size: 12px; font-weight: 600; padding: 1px 7px; border-radius: 6px; }
.enc.gsm { background: var(--gsm-bg); color: var(--gsm); }
.enc.ucs { background: var(--ucs-bg); color: var(--ucs); }
.empty { margin: 0; padding: 28px 16px; text-align: center; color: var(--muted); }
.code { font-size: 16px; font-weight: 700; letter-spacing: .12em; }
.recipients { display: flex; gap: 6px; flex-wrap: wrap; margin-bottom: 12px; }
.recipient { font: inherit; font-size: 12px; padding: 4px 10px; border-radius: 999px; border: 1px solid var(--line);
  background: var(--card); color: var(--ink); cursor: pointer; }
.recipient[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.recipient .n { opacity: .7; margin-left: 4px; }
.phone { position: relative; height: 640px; display: flex; flex-direction: column; border-radius: 40px; background: #fff;
  border: 10px solid #111827; box-shadow: 0 18px 40px rgba(17,24,39,.18); overflow: hidden; }
.phone-notch { position: absolute; top: 0; left: 50%; width: 120px; height: 22px; transform: translateX(-50%);
  background: #111827; border-radius: 0 0 14px 14px; }
.phone-head { display: flex; align-items: center; gap: 10px; padding: 30px 16px 12px; border-bottom: 1px solid var(--line); background: #f9fafc; }
.avatar { display: grid; place-items: center; width: 36px; height: 36px; border-radius: 50%; background: var(--accent); color: #fff; font-weight: 700; }
.phone-number { font-weight: 700; }
.thread { flex: 1; overflow-y: auto; padding: 14px 12px; display: flex; flex-direction: column; gap: 10px; background: #fff; }
.bubble { align-self: flex-start; max-width: 92%; padding: 9px 12px; border-radius: 16px 16px 16px 4px; background: var(--bubble);
  white-space: pre-wrap; word-break: break-word; }
.bubble .meta { margin-top: 5px; font-size: 11px; color: var(--muted); display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
.bubble .meta .pill, .bubble .meta .enc { font-size: 10px; padding: 0 6px; }
.sender { font-size: 11px; font-weight: 700; color: var(--accent); margin-bottom: 2px; }
`
