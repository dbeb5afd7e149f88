import { HOOK } from "./dom.js";
import { decodeFloats, viewAt } from "./grid.js";
import { pageOf, settle } from "./live.js";

// --- a run played in the browser ------------------------------------------------------------
//
// A training run plays as frames the server computed (xentviz/ui/live.py play): every view of
// the page at each step the run shows, sent once as a grid (the live preview's format,
// PROTOCOL.md). Here they are drawn one after the other, every spec.tick ms, each chart by the
// quick path of a preview frame (chart.js), with no run of the server between two frames. At
// the last frame, or when Stop is pressed, the component tells the server the step shown
// ("played"): the server's one run then draws that step itself.

export function renderPlay(parentElement, spec, setTriggerValue) {
  const container = parentElement.closest(HOOK.element);
  if (container) container.style.display = "none";
  const page = pageOf(spec.page);
  const scope = document.querySelector(`.${CSS.escape(spec.scope)}`);
  settle(page, scope); // what the server sent for the step the run starts from
  if (page.play?.token === spec.token && !page.play.stopped) return; // this run plays on
  page.play?.stop();
  const grid = spec.grid;
  const values = decodeFloats(grid.values);
  const play = { token: spec.token, k: -1, n: values.length, timer: 0 };
  page.play = play;
  const finish = () => {
    play.stop();
    setTriggerValue("played", play.k < 0 ? spec.start : values[play.k]);
  };
  // Stop, pressed while the run plays: the step shown stays, and the server is told which.
  const button = document.querySelector(`.${CSS.escape(spec.stop)} button`);
  const onStop = (event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    finish();
  };
  button?.addEventListener("click", onStop, { capture: true });
  play.stop = () => {
    clearInterval(play.timer);
    button?.removeEventListener("click", onStop, { capture: true });
    play.stopped = true;
  };
  play.timer = setInterval(() => {
    if (!parentElement.isConnected) return play.stop();
    play.k += 1;
    for (const [name, view] of page.views) {
      if (grid.base[name] === undefined || !view.el.isConnected) continue;
      view.show(viewAt(grid, name, play.k));
    }
    if (play.k >= play.n - 1) finish();
  }, spec.tick);
}
