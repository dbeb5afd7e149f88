import { dragging, pageOf, pages } from "./live.js";
import { HOOK, SCRIPT_STATE } from "./dom.js";

// --- later: the part of a lesson a move does not redraw at once ------------------------------
//
// A move reruns only what it changes at once (the lesson's first fragment: its sliders, charts
// and numbers; xentviz/ui/sections.py lesson). The rest (the worked computation, the
// questions, links, exports) is the second fragment, drawn with the token of the state it
// shows. When the live view brings a newer token, that part is stale: it is dimmed, and not
// clickable, until its rerun, asked for through its hidden view's trigger once the part is in
// sight and nothing else is under way (no run, no pointer held, no key or press in the last
// IDLE_MS: a request for a rerun and a slider let go in one moment would be sent by Streamlit
// as one, and the move lost). Out of sight, it waits until scrolled to.

export const IDLE_MS = 300;
export const AGAIN_MS = 5_000; // a rerun asked for and not drawn by then is asked for again
export let lastInput = 0;
export let laterSight = null;

export function scriptRunning() {
  const app = document.querySelector(HOOK.app);
  return app?.getAttribute(SCRIPT_STATE) === "running";
}

export function freshen(page) {
  const part = page.later;
  if (!part || page.state === undefined || !part.el.isConnected) return;
  const stale = part.token !== page.state;
  if (stale !== part.el.hasAttribute("data-xv-stale")) {
    part.el.toggleAttribute("data-xv-stale", stale);
    part.el.setAttribute("aria-busy", String(stale));
  }
  clearTimeout(part.timer);
  if (!stale || !part.inSight) return;
  const wait = dragging || scriptRunning() ? 100 : lastInput + IDLE_MS - performance.now();
  if (wait > 0) {
    part.timer = setTimeout(() => freshen(page), wait);
    return;
  }
  const now = performance.now();
  if (part.asked === page.state && now - part.askedAt < AGAIN_MS) {
    part.timer = setTimeout(() => freshen(page), part.askedAt + AGAIN_MS - now);
    return;
  }
  part.asked = page.state;
  part.askedAt = now;
  part.refresh();
  part.timer = setTimeout(() => freshen(page), AGAIN_MS);
}

export function renderLater(parentElement, spec, setTriggerValue) {
  const container = parentElement.closest(HOOK.element);
  if (container) container.style.display = "none";
  const el = container?.parentElement?.closest(HOOK.block);
  if (!el) return;
  const page = pageOf(spec.page);
  const part = page.later?.el === el ? page.later : { el, inSight: false, asked: null };
  part.token = spec.token;
  part.refresh = () => setTriggerValue("refresh", spec.token);
  if (page.later !== part) {
    page.later = part;
    laterSight ??= new IntersectionObserver((entries) => {
      for (const entry of entries) {
        for (const p of pages.values()) {
          if (p.later?.el !== entry.target) continue;
          p.later.inSight = entry.isIntersecting;
          freshen(p);
        }
      }
    });
    laterSight.observe(el);
  }
  if (!renderLater.listening) {
    renderLater.listening = true;
    const input = () => {
      lastInput = performance.now();
    };
    for (const type of ["pointerdown", "keydown"]) {
      document.addEventListener(type, input, { capture: true, passive: true });
    }
  }
  freshen(page);
}
