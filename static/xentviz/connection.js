import { inputOf } from "./live.js";
import { CONNECTION_STATE, HOOK } from "./dom.js";

// --- the connection: a tab whose server went away gets its page back -------------------------
//
// Streamlit reconnects a tab whose websocket closed (its server restarted, or the replica behind
// the balancer died and the tab reached a live one). The new session knows nothing of the
// page's fragments, and Streamlit reruns the page on reconnecting only if a run was under way:
// after a full run, the next slider move (a fragment rerun) would be dropped, and the page left
// dimmed on the old numbers. So on reconnecting, the guard (a view drawn by every full run,
// outside the fragments) asks for a full run: the page comes back from its link. And a move the
// server has not answered for a long while asks again the same way, then reloads the page.

export const guard = { trigger: null, down: false, watch: null, waiting: new Map(), runs: 0 };
export const ANSWER_MS = 10_000; // a move unanswered this long asks for a full run; twice, a reload

export function renderGuard(parentElement, spec, setTriggerValue) {
  const container = parentElement.closest(HOOK.element);
  if (container) container.style.display = "none";
  guard.trigger = () => setTriggerValue("rerun", Date.now());
  guard.runs += 1; // full runs drawn with a new session id (tests wait for one)
  guard.session = spec.session;
  guard.busy = spec.busy; // what the server shows while this browser's runs wait their turn
  guard.waiting.clear(); // a full run answers whatever was waiting
  const app = document.querySelector(HOOK.app);
  if (!app || guard.watch) return;
  const state = () => app.getAttribute(CONNECTION_STATE);
  guard.watch = new MutationObserver(() => {
    if (state() !== "CONNECTED") guard.down = true;
    else if (guard.down) {
      guard.down = false;
      guard.trigger?.(); // reconnected: the page again, from its link
    }
  });
  guard.watch.observe(app, { attributes: true, attributeFilter: [CONNECTION_STATE] });
  setInterval(() => {
    const queued = busyShown();
    for (const [page, since] of guard.waiting) {
      if (queued) since.at = performance.now(); // the server is there: the move waits its turn
      const waited = performance.now() - since.at;
      if (waited > 2 * ANSWER_MS) window.location.reload();
      else if (waited > ANSWER_MS && !since.asked) {
        since.asked = true;
        guard.trigger?.();
      }
      if (!page.sliders.length) guard.waiting.delete(page);
    }
  }, 1000);
}

// Whether the page shows the server's notice that this browser's runs wait for its budget
// (xentviz/ui/budget.py): told again every few seconds while a run waits.
function busyShown() {
  if (!guard.busy) return false;
  return [...document.querySelectorAll(HOOK.toast)].some((t) => t.textContent.includes(guard.busy));
}

// A watched slider was let go (or moved by a key) at a value the server has not drawn yet:
// wait for its answer.
export function awaitAnswer(page, i) {
  const slider = page.sliders[i];
  const input = slider && inputOf(slider);
  if (input && Number.parseFloat(input.value) !== slider.value && !guard.waiting.has(page)) {
    guard.waiting.set(page, { at: performance.now(), asked: false });
  }
}
