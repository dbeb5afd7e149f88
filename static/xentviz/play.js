import { HOOK } from "./dom.js";
import { decodeFloats, viewAt } from "./grid.js";
import { dim, pageOf, register, settle } from "./live.js";

// --- a run played in the browser ------------------------------------------------------------
//
// A training run plays as frames the server computed (xentviz/ui/live.py play): every view of
// the page at each step the run shows, sent once as a grid (the live preview's format,
// PROTOCOL.md). Here they are drawn one after the other, every spec.tick ms, each chart by the
// quick path of a preview frame (chart.js), with no run of the server between two frames. At
// the last frame, or when Stop is pressed, the component tells the server the step shown
// ("played"): the server's one run then draws that step itself. While it plays, what the
// frames do not draw (one point's chart and words, the likelihood, the links) says something
// about the step the run started from: it is dimmed, as a slider's preview dims it, all but
// the Stop button.

export function renderPlay(parentElement, spec, setTriggerValue) {
  const container = parentElement.closest(HOOK.element);
  if (container) container.style.display = "none";
  const page = pageOf(spec.page);
  const scope = document.querySelector(`.${CSS.escape(spec.scope)}`);
  settle(page, scope); // what the server sent for the step the run starts from
  const grid = spec.grid;
  const button = document.querySelector(`.${CSS.escape(spec.stop)} button`);
  const dimRest = () => {
    dim(page, scope, "", [...page.views.keys()].filter((name) => grid.base[name] === undefined));
    button?.closest(HOOK.element)?.removeAttribute("data-xv-dim");
  };
  if (page.play?.token === spec.token && !page.play.stopped) {
    dimRest();
    return; // this run plays on
  }
  page.play?.stop();
  const values = decodeFloats(grid.values);
  const play = { token: spec.token, k: -1, n: values.length, timer: 0 };
  page.play = play;
  const finish = () => {
    play.stop();
    setTriggerValue("played", play.k < 0 ? spec.start : values[play.k]);
  };
  // Stop, pressed while the run plays: the step shown stays, and the server is told which.
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
  dimRest();
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

// --- a sentence about the step shown --------------------------------------------------------
//
// Words the server wrote for the state shown ("Step 88 of 200: mean loss ..."), as plain text.
// Like a chart or the headline numbers it is a view of the page: a run's frames and a slider's
// preview carry the sentence for each step they show, and it is drawn with them.

export function renderSentence(parentElement, spec) {
  let line = parentElement.querySelector(":scope > .xv-sentence");
  if (!line) {
    line = document.createElement("p");
    line.className = "xv-sentence xv-live";
    line.style.margin = "0";
    parentElement.append(line);
  }
  const show = (text) => {
    if (line.textContent !== text) line.textContent = text;
  };
  const shown = register(spec.page, spec.name, show, () => show(spec.text), line);
  if (!shown?.incoming || !line.textContent) show(spec.text);
}
