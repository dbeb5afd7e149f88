// xentviz in the browser: charts drawn in place, headline numbers, and the live preview of a
// slider being dragged. This is the component's entry point; each part is a module beside it:
//
//   chart.js       plotly.js loaded once, the theme, charts drawn and redrawn in place
//   numbers.js     headline numbers
//   grid.js        the live preview's grids decoded (the wire format: static/xentviz/PROTOCOL.md)
//   live.js        the live preview of a dragged slider
//   play.js        a training run played in the browser, and a sentence that follows it
//   draw.js        the digits page's drawing grid
//   later.js       the part of a lesson a move does not redraw at once
//   connection.js  a tab whose server went away gets its page back
//   presenter.js   presenter mode
//   dom.js         the parts of Streamlit's page these rely on, in one table
//   style.css      the page's style
//
// Nothing here computes a number the page shows. The server sends each chart's plotly figure
// and each headline's text; for the preview it sends, for every position a slider can take,
// what the page would show there (xentviz/ui/live.py): while the thumb moves, these modules only
// look up the position the slider's own input reports and draw what was sent for it.
//
// Served by Streamlit's static file serving at app/static/xentviz/ (server.enableStaticServing)
// and loaded by the one-line module of the "xentviz" component (xentviz/ui/charts.py). plotly.js
// is the copy Streamlit itself ships for st.plotly_chart, loaded from the same server. The
// modules are tested with node's own test runner (tests/js/).

import { charts, renderChart, watchTheme } from "./chart.js";
import { guard, renderGuard } from "./connection.js";
import { renderLater } from "./later.js";
import { holds, pages, renderLive } from "./live.js";
import { renderDraw } from "./draw.js";
import { renderNumbers } from "./numbers.js";
import { renderPlay, renderSentence } from "./play.js";
import { presenting, renderPresent } from "./presenter.js";

// --- the page's style (style.css), added once ---------------------------------------------

function addStyle() {
  if (document.getElementById("xv-style")) return;
  const link = document.createElement("link");
  link.id = "xv-style";
  link.rel = "stylesheet";
  link.href = new URL("./style.css", import.meta.url).href;
  document.head.append(link);
}
addStyle(); // as soon as the module loads, before the first view is drawn

// --- the component's entry point -------------------------------------------------------------

function decode(data) {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    return JSON.parse(new TextDecoder().decode(data));
  }
  return data;
}

export default function render({ data, parentElement, setTriggerValue }) {
  addStyle();
  watchTheme(parentElement);
  const spec = decode(data);
  window.xentviz = { pages, charts, presenting, holds, guard }; // for tests and benchmarks to look at
  switch (spec.kind) {
    case "chart":
      return renderChart(parentElement, spec);
    case "numbers":
      return renderNumbers(parentElement, spec);
    case "live":
      return renderLive(parentElement, spec, setTriggerValue);
    case "play":
      return renderPlay(parentElement, spec, setTriggerValue);
    case "sentence":
      return renderSentence(parentElement, spec);
    case "draw":
      return renderDraw(parentElement, spec, setTriggerValue);
    case "present":
      return renderPresent(parentElement, spec);
    case "guard":
      return renderGuard(parentElement, spec, setTriggerValue);
    case "later":
      return renderLater(parentElement, spec, setTriggerValue);
    default:
      throw new Error(`unknown view ${spec.kind}`);
  }
}
