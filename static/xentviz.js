// xentviz in the browser: charts drawn in place, headline numbers, and the live preview of a
// slider being dragged.
//
// Nothing here computes a number the page shows. The server sends each chart's plotly figure
// and each headline's text; for the preview it sends, for every position a slider can take,
// what the page would show there (xentviz/ui/live.py): while the thumb moves, this module only
// looks up the position the slider's own input reports and draws what was sent for it.
//
// Served by Streamlit's static file serving at app/static/xentviz.js (server.enableStaticServing)
// and loaded by the one-line module of the "xentviz" component (xentviz/ui/charts.py). plotly.js
// is the copy Streamlit itself ships for st.plotly_chart, loaded from the same server.

const BASE = new URL("../../", import.meta.url); // the app's root, under any baseUrlPath
// Each chart downloads as a PNG at three times its size (sharp on a slide) or as an SVG, named
// after its page and chart ("playground-q.png").
function plotlyConfig(Plotly, filename) {
  const svg = {
    name: "Download as SVG",
    icon: Plotly.Icons.disk,
    click: (gd) => Plotly.downloadImage(gd, { format: "svg", filename }),
  };
  return {
    displaylogo: false,
    modeBarButtons: [["toImage", svg]],
    toImageButtonOptions: { format: "png", filename, scale: 3 },
    responsive: true,
  };
}
const DIMMED = 0.35; // the opacity of what a preview leaves behind, until the server answers

// --- loading plotly.js once ----------------------------------------------------------------

let plotly = null;

function loadPlotly(chunk) {
  if (!plotly) {
    const load = window.Plotly
      ? Promise.resolve()
      : import(new URL(`static/js/${chunk}`, BASE).href);
    plotly = load.then(() => {
      if (!window.Plotly) throw new Error(`plotly.js did not load from ${chunk}`);
      return window.Plotly;
    });
  }
  return plotly;
}

// --- the page's style, added once -----------------------------------------------------------

const STYLE = `
.xv-chart { width: 100%; }
.xv-numbers { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem 1rem; }
.xv-number { display: flex; flex-direction: column; min-width: 0; }
.xv-number-label { font-size: 0.875rem; line-height: 1.4; }
.xv-number-value { font-size: 2.25rem; line-height: 1.25; white-space: nowrap; }
.xv-help { display: inline-flex; align-items: center; justify-content: center; width: 1.15em;
  height: 1.15em; margin-left: 0.35em; border: 1px solid currentColor; border-radius: 50%;
  font-size: 0.75em; opacity: 0.7; cursor: help; vertical-align: 0.1em; }
.xv-help:focus-visible { outline: 2px solid var(--st-primary-color, #0072B2); outline-offset: 1px; }
.xv-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.xv-unavailable { padding: 1rem; border: 1px dashed currentColor; }
[data-xv-dim], [data-xv-stale] { opacity: ${DIMMED}; }
[data-xv-stale] { pointer-events: none; }
[data-xv-stale] [data-xv-dim] { opacity: 1; } /* dimmed once, not twice */
[data-testid="stMarkdownContainer"] table { display: block; max-width: 100%; overflow-x: auto; }
/* A wide formula (a matrix of large numbers) scrolls in place instead of being cut off. */
.katex-display { overflow-x: auto; overflow-y: hidden; padding-bottom: 2px; }
[data-xv-dark] [data-testid="stBaseButton-primary"],
[data-xv-dark] [data-testid="stBaseButton-primary"] * { color: #0E1117; }
[data-xv-present] [data-testid="stSidebar"],
[data-xv-present] [data-testid="stSidebarCollapsedControl"],
[data-xv-present] [data-testid="stHeader"],
[data-xv-present] [data-xv-hidden] { display: none !important; }
[data-xv-present] [data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1.5rem 3rem; }
[data-xv-present] [data-testid="stMain"] p, [data-xv-present] [data-testid="stMain"] li,
[data-xv-present] [data-testid="stMain"] label, [data-xv-present] [data-testid="stMain"] td,
[data-xv-present] [data-testid="stMain"] th, [data-xv-present] [data-testid="stMain"] code,
[data-xv-present] [data-testid="stMain"] button {
  font-size: 28px !important; line-height: 1.4 !important; }
/* Captions ("What to notice", "New terms here") in the text's own colour: Streamlit's faded
   grey, and a link's faded blue in it, are below WCAG AA's 4.5:1 on the light theme. */
[data-testid="stCaptionContainer"] { opacity: 1; color: inherit; }
[data-testid="stCaptionContainer"] a { color: inherit; text-decoration: underline; }
[data-xv-present] [data-testid="stHorizontalBlock"]:has(.xv-chart) { flex-direction: column; }
[data-xv-present] [data-testid="stHorizontalBlock"]:has(.xv-chart) > [data-testid="stColumn"] {
  width: 100% !important; flex: 1 1 100% !important; }
/* A slider's value stands above its thumb, clear of it at presenter size. */
[data-xv-present] [data-testid="stSliderThumbValue"] { transform: translateY(-0.8em); }
[data-xv-present] [data-testid="stSliderThumbValue"] p { font-size: 22px !important; }
[data-xv-present] [data-testid="stSlider"] { padding-top: 0.7em; }
[data-xv-present] [data-testid="stMain"] h1 { font-size: 60px !important; }
[data-xv-present] [data-testid="stMain"] h3 { font-size: 42px !important; }
[data-xv-present] .katex-display { font-size: 24px; overflow-x: auto; }
[data-xv-present] .xv-number-label { font-size: 28px; }
[data-xv-present] .xv-number-value { font-size: 72px; }
.xv-present-where { position: fixed; right: 1rem; bottom: 0.75rem; z-index: 1000;
  padding: 0.25rem 0.75rem; border-radius: 0.5rem; font-size: 20px;
  background: var(--st-background-color, #fff); color: var(--st-text-color, #000);
  border: 1px solid currentColor; }
`;

function addStyle() {
  if (document.getElementById("xv-style")) return;
  const style = document.createElement("style");
  style.id = "xv-style";
  style.textContent = STYLE;
  document.head.append(style);
}

// --- the theme, read from the variables Streamlit gives every component ---------------------

function theme(el) {
  const css = getComputedStyle(el);
  const get = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: get("--st-text-color", "#31333F"),
    font: get("--st-font", "sans-serif"),
    background: get("--st-background-color", "#FFFFFF"),
    border: get("--st-border-color", "rgba(128, 128, 128, 0.3)"),
    present: document.documentElement.hasAttribute("data-xv-present"),
  };
}

function themed(layout, t) {
  const axis = (a) => ({
    gridcolor: t.border,
    linecolor: t.border,
    zerolinecolor: t.border,
    ...a,
  });
  // Presenting: text readable from the back of a hall, and room for it.
  const big = t.present
    ? {
        font: { size: 22 },
        height: Math.round((layout.height || 340) * 1.4),
        title: { ...(layout.title || {}), font: { size: 28 } },
      }
    : {};
  return {
    ...layout,
    ...big,
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { family: t.font, ...(layout.font || {}), ...(big.font || {}), color: t.text },
    hoverlabel: { bgcolor: t.background, bordercolor: t.border, font: { color: t.text } },
    xaxis: axis(layout.xaxis || {}),
    yaxis: axis(layout.yaxis || {}),
  };
}

// --- text of a figure, for screen readers ---------------------------------------------------

function plainText(html) {
  // Parsed in a document of its own, which runs nothing and loads nothing (an element made in
  // this page's document would load an <img> in it even unattached).
  const text = String(html ?? "").replace(/<br\s*\/?>/gi, " ");
  return new DOMParser().parseFromString(text, "text/html").body.textContent;
}

// --- charts ---------------------------------------------------------------------------------

const charts = new Map(); // element -> {gd, figure, next, busy}

function chartView(parentElement) {
  let view = charts.get(parentElement);
  if (!view) {
    const gd = document.createElement("div");
    gd.className = "xv-chart xv-live";
    // A figure, not an img: an img's children are presentational, and plotly's tool bar
    // inside it (download, zoom) must stay reachable by keyboard and screen reader.
    gd.setAttribute("role", "figure");
    parentElement.append(gd);
    view = { gd, figure: null, next: null, busy: false };
    charts.set(parentElement, view);
  }
  return view;
}

// Only the data changed (the same layout, theme and traces): plotly moves the bars and their
// values in one frame, where a full redraw (Plotly.react) costs about 17 ms a chart here.
const DATA_ONLY = {
  mode: "immediate", // a newer figure replaces any still queued, never plays after it
  transition: { duration: 0 },
  frame: { duration: 0, redraw: false },
};

function dataOnly(view, f, colours) {
  const was = view.drawn;
  return (
    was &&
    view.colours === colours &&
    was.data.length === f.data.length &&
    was.data.every((t, i) => t.type === f.data[i].type) &&
    JSON.stringify(was.layout) === JSON.stringify(f.layout)
  );
}

// Draws the latest figure asked for: a figure asked for while another is drawn replaces any
// still waiting, so a drag never queues up frames behind the pointer.
function draw(view, figure, chunk) {
  if (!view.busy && figure === view.drawn && view.colours) return view.done; // already there
  view.next = figure;
  if (view.busy) return view.done;
  view.busy = true;
  view.done = (async () => {
    try {
      const Plotly = await loadPlotly(chunk);
      while (view.next) {
        const f = view.next;
        view.next = null;
        const t = theme(view.gd);
        const colours = JSON.stringify(t);
        if (dataOnly(view, f, colours)) {
          const traces = f.data.map((_, i) => i);
          await Plotly.animate(view.gd, { data: f.data, traces }, DATA_ONLY);
        } else {
          const title = f.layout?.title?.text ?? "";
          view.gd.setAttribute("aria-label", view.summary || plainText(title) || "chart");
          const config = plotlyConfig(Plotly, view.filename || "xentviz-chart");
          await Plotly.react(view.gd, f.data, themed(f.layout, t), config);
        }
        view.drawn = f;
        view.colours = colours;
      }
    } catch (err) {
      view.gd.className = "xv-chart xv-live xv-unavailable";
      view.gd.textContent = `This chart could not be drawn (${err.message}).`;
      throw err;
    } finally {
      view.busy = false;
    }
  })();
  return view.done;
}

function renderChart(parentElement, spec) {
  const view = chartView(parentElement);
  view.chunk = spec.chunk;
  view.filename = [spec.page, spec.name].filter(Boolean).join("-") || "xentviz-chart";
  // What a screen reader says of the chart: its numbers in words, from the server.
  view.summary = spec.summary;
  if (spec.summary && view.gd.getAttribute("aria-label") !== spec.summary)
    view.gd.setAttribute("aria-label", spec.summary);
  const sent = () => draw(view, spec.figure, spec.chunk);
  const shown = register(spec.page, spec.name, (f) => draw(view, f, spec.chunk), sent, view.gd);
  if (shown?.incoming && view.drawn) return view.done; // the page's live view settles it
  return sent();
}

// Colours follow the theme: when Streamlit's theme changes (its variables are set on an
// element above every component), every chart is drawn again in the new colours.
let themeWatch = null;

// In the dark theme the primary colour is a light blue, which white text on a primary button
// would not stand out from (2.3:1): such buttons get dark text instead (8:1).
function markDark(el) {
  const text = theme(el).text.trim();
  const hex = text.match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i);
  const channels = hex
    ? hex.slice(1, 4).map((h) => Number.parseInt(h, 16))
    : (text.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const light = channels.length === 3 && channels.reduce((a, b) => a + b, 0) > 3 * 128;
  document.documentElement.toggleAttribute("data-xv-dark", light);
}

function watchTheme(el) {
  markDark(el);
  if (themeWatch) return;
  let host = el;
  while (host && !host.style?.getPropertyValue("--st-text-color")) host = host.parentElement;
  if (!host) return;
  themeWatch = new MutationObserver(() => {
    markDark(el);
    for (const [el, view] of charts) {
      if (!view.gd.isConnected) charts.delete(el);
      else if (view.drawn) {
        view.colours = null; // a full redraw, in the new colours
        draw(view, view.drawn, view.chunk);
      }
    }
  });
  themeWatch.observe(host, { attributes: true, attributeFilter: ["style"] });
}

// --- headline numbers -----------------------------------------------------------------------

function renderNumbers(parentElement, spec) {
  let box = parentElement.querySelector(":scope > .xv-numbers");
  if (!box) {
    box = document.createElement("div");
    box.className = "xv-numbers xv-live";
    box.setAttribute("role", "group");
    parentElement.append(box);
  }
  const show = (items) => {
    // The same labels: only the values change (a preview frame costs no new nodes).
    const shape = JSON.stringify(items.map(([label, , help]) => [label, help]));
    if (box.dataset.shape === shape) {
      box.querySelectorAll(".xv-number-value").forEach((el, i) => {
        if (el.textContent !== items[i][1]) el.textContent = items[i][1];
      });
      return;
    }
    box.dataset.shape = shape;
    box.replaceChildren(
      ...items.map(([label, value, help]) => {
        const item = document.createElement("div");
        item.className = "xv-number";
        const name = document.createElement("div");
        name.className = "xv-number-label";
        name.textContent = label;
        if (help) {
          const mark = document.createElement("span");
          mark.className = "xv-help";
          mark.textContent = "?";
          mark.title = help;
          mark.tabIndex = 0;
          mark.setAttribute("aria-hidden", "true");
          const said = document.createElement("span");
          said.className = "xv-sr";
          said.textContent = ` (${help})`;
          name.append(mark, said);
        }
        const shown = document.createElement("div");
        shown.className = "xv-number-value";
        shown.textContent = value;
        item.append(name, shown);
        return item;
      }),
    );
  };
  const shown = register(spec.page, spec.name, show, () => show(spec.items), box);
  if (!shown?.incoming || !box.childElementCount) show(spec.items);
}

// --- the live preview -----------------------------------------------------------------------
//
// Each page has views (charts and numbers, by name) and sliders (by the class Streamlit gives a
// keyed widget's container, "st-key-<key>"). A slider's positions are cut into tiles (its
// lattice: positions first..last, each k / per, tiles of size positions); the server sends on
// request a tile: its positions and, for each, every view's content there. A tile holds while
// the rest of the state does: it is kept under a token the server computes from that rest, and
// asked for again only when the token changes. One request at a time; a request the server
// declines (too many a second) is answered with when to ask again.

const pages = new Map(); // page name -> page

function pageOf(name) {
  let page = pages.get(name);
  if (!page) {
    page = { name, views: new Map(), sliders: [], still: [], grids: new Map() };
    page.asking = null; // the request on its way, "token/tile"
    page.retryAt = 0; // when the server said a request may come again (performance.now())
    pages.set(name, page);
  }
  return page;
}

// A view shows what a preview gives it (show), and what the server sent for it (restore).
//
// On a page with sliders to preview, what the server sends for a view is not drawn when it
// arrives (incoming): the server may be answering a value the thumb has since left, as when
// keys are pressed faster than it answers. Its answer ends with the page's live view, which
// says which values it drew; then (renderLive) what was sent is drawn if the thumb is there,
// else the thumb's position from the grid.
//
// While a drag goes on, a view out of sight (scrolled away, as the lower charts are while a
// slider at the top is held) is not drawn on every frame: it keeps the last position it was
// given, and draws it when it comes into sight or when the drag ends.
const sight = new WeakMap(); // element -> the view it shows
let sightWatch = null;

function register(pageName, viewName, show, sent, el) {
  if (!pageName) return null;
  const page = pageOf(pageName);
  const view = page.views.get(viewName);
  if (view && view.el === el) {
    view.show = show;
    if (page.sliders.length) view.incoming = sent;
    else view.restore = sent;
    return view;
  }
  const fresh = { show, restore: sent, incoming: null, el, inSight: true, pending: null };
  page.views.set(viewName, fresh);
  sightWatch ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const seen = sight.get(entry.target);
      if (!seen) continue;
      seen.inSight = entry.isIntersecting;
      if (seen.inSight) catchUp(seen);
    }
  });
  sight.set(el, fresh);
  sightWatch.observe(el);
  return fresh;
}

function catchUp(view) {
  const pending = view.pending;
  view.pending = null;
  if (pending) view.show(pending());
}

function decodeFloats(b64) {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Float64Array(bytes.buffer);
}

const finite = (x) => (Number.isFinite(x) ? x : null);

// One column of a grid at position k: a number; a row of numbers, each the same all along or
// a column of its own (base64 text); or any JSON value, by its index among the distinct ones.
function columnAt(column, k) {
  if (column.f !== undefined) {
    column.floats ??= decodeFloats(column.f);
    return finite(column.floats[k]);
  }
  if (column.r !== undefined) {
    column.floats ??= column.r.map((entry) =>
      typeof entry === "string" ? decodeFloats(entry) : null,
    );
    return column.r.map((entry, j) => (column.floats[j] ? finite(column.floats[j][k]) : entry));
  }
  return column.j[column.i[k]];
}

function setPath(target, path, value) {
  let node = target;
  for (const part of path.slice(0, -1)) node = node[part];
  node[path.at(-1)] = value;
}

function viewAt(grid, name, k) {
  const view = structuredClone(grid.base[name]);
  for (const [path, column] of grid.columns[name] || []) {
    if (path.length === 0) return columnAt(column, k);
    setPath(view, path, columnAt(column, k));
  }
  return view;
}

function positionOf(grid, value) {
  const values = (grid.valueArray ??= decodeFloats(grid.values));
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  // The slider's input reports its value as text with the step's decimals: equal to the
  // position's value as the server computed it, up to that rounding.
  return Math.abs(values[lo] - value) <= 1e-9 * Math.max(1, Math.abs(value)) ? lo : -1;
}

function sliderOf(target) {
  for (const page of pages.values()) {
    for (const [i, slider] of page.sliders.entries()) {
      if (target.closest?.(`.${CSS.escape(slider.cls)}`)) return { page, i, slider };
    }
  }
  return null;
}

function inputOf(slider) {
  return document.querySelector(`.${CSS.escape(slider.cls)} input[type=range]`);
}

// The tile of a slider holding the position nearest value.
function tileOf(slider, value) {
  const k = Math.min(Math.max(Math.round(value * slider.per), slider.first), slider.last);
  return Math.floor((k - slider.first) / slider.size);
}

function tilesOf(page, slider) {
  let tiles = page.grids.get(slider.token);
  if (!tiles) page.grids.set(slider.token, (tiles = new Map()));
  return tiles;
}

// Whether a tile is held for slider i of page name at value (its current value if none).
function holds(name, i, value) {
  const page = pages.get(name);
  const slider = page?.sliders[i];
  if (!slider) return false;
  const grid = page.grids.get(slider.token)?.get(tileOf(slider, value ?? slider.value));
  return !!grid && positionOf(grid, value ?? slider.value) >= 0;
}

// Ask for a tile of slider i (the one holding value), unless held, asked, or too soon.
function ask(page, i, value) {
  const slider = page.sliders[i];
  if (!slider || !page.want || !Number.isFinite(value)) return;
  const tile = tileOf(slider, value);
  const key = `${slider.token}/${tile}`;
  if (tilesOf(page, slider).has(tile) || page.asking || performance.now() < page.retryAt) return;
  page.asking = key;
  page.want([i, tile]);
}

// Ask for what a thumb at value needs: its tile, then the next one if it is near its end.
function askAround(page, i, value) {
  const slider = page.sliders[i];
  if (!slider || !Number.isFinite(value)) return;
  ask(page, i, value);
  const k = Math.round(value * slider.per) - slider.first;
  const within = k - tileOf(slider, value) * slider.size;
  const near = Math.max(1, Math.floor(slider.size / 4));
  if (within < near) ask(page, i, (slider.first + k - near) / slider.per);
  if (within >= slider.size - near) ask(page, i, (slider.first + k + near) / slider.per);
}

// What the server last sent, drawn; the page no longer a preview.
function restore(page, scope) {
  for (const view of page.views.values()) {
    view.pending = null;
    view.tile = null;
    view.restore();
  }
  page.shown = undefined;
  page.active = undefined;
  dim(page, scope, null);
}

function preview(page, i) {
  const slider = page.sliders[i];
  const input = slider && inputOf(slider);
  const scope = page.scope && document.querySelector(`.${CSS.escape(page.scope)}`);
  if (!input) return;
  const value = Number.parseFloat(input.value);
  if (value === slider.value) {
    restore(page, scope); // where the server drew it
    return;
  }
  page.active = i;
  askAround(page, i, value);
  const grid = tilesOf(page, slider).get(tileOf(slider, value));
  const k = grid ? positionOf(grid, value) : -1;
  const at = k < 0 ? -1 : `${slider.token}/${tileOf(slider, value)}/${k}`;
  if (at === page.shown) return;
  page.shown = at;
  if (k < 0) {
    dim(page, scope, "beyond");
    return; // a position no tile (yet) holds: what is shown stays, dimmed
  }
  dim(page, scope, "", grid.still);
  for (const [name, view] of page.views) {
    if (grid.base[name] === undefined) continue;
    // A view no position of the tile changes is drawn once for the tile.
    if (!grid.columns[name] && view.tile === grid && !view.pending) continue;
    view.tile = grid.columns[name] ? null : grid;
    view.pending = () => viewAt(grid, name, k);
    if (view.inSight || !dragging) catchUp(view);
  }
}

// The server's answer is in (its live view, the last of it): what it sent is what the views
// will restore; drawn now unless a slider's thumb is elsewhere (then that is previewed).
function settle(page, scope) {
  guard.waiting.delete(page); // the server answered
  for (const view of page.views.values()) {
    if (view.incoming) view.restore = view.incoming;
    view.incoming = null;
  }
  // A thumb is elsewhere only while the user moves it (held, or focused for the keys): a
  // slider whose value the server changed (a step button, say) is not yet redrawn by React.
  const away = (i) => {
    const input = page.sliders[i] && inputOf(page.sliders[i]);
    if (!input || Number.parseFloat(input.value) === page.sliders[i].value) return false;
    return (dragging?.page === page && dragging.i === i) || document.activeElement === input;
  };
  let i = page.active !== undefined && away(page.active) ? page.active : -1;
  if (i < 0) i = page.sliders.findIndex((_, j) => away(j));
  if (i < 0) {
    restore(page, scope);
    return;
  }
  page.shown = Number.NaN; // shown afresh
  // The run may have drawn new elements (a tile asked for mid-drag reruns the page): what
  // says something about the old state is marked again.
  scope?.removeAttribute("data-xv-preview");
  preview(page, i);
}

let dragging = null; // {page, i} while a pointer holds a watched slider

// While a preview is shown, what else the page's scope says (about the state the server drew)
// is dimmed: each element but the views and sliders, marked once when the preview starts (a
// selector that looked for them on every frame would cost the browser a third of its time),
// by an attribute (React, which owns their class, would drop a class on its next render).
function dim(page, scope, mode, still) {
  if (!scope) return;
  if (mode === null) {
    if (!scope.hasAttribute("data-xv-preview")) return;
    scope.removeAttribute("data-xv-preview");
    for (const el of scope.querySelectorAll("[data-xv-dim]")) el.removeAttribute("data-xv-dim");
    return;
  }
  if (!scope.hasAttribute("data-xv-preview")) {
    for (const el of scope.querySelectorAll('[data-testid="stElementContainer"]')) {
      if (!el.querySelector('.xv-live, [data-testid="stSlider"]'))
        el.setAttribute("data-xv-dim", "");
    }
  }
  for (const name of [...page.still, ...(still ?? [])]) {
    const el = page.views.get(name)?.el.closest('[data-testid="stElementContainer"]');
    if (el && scope.contains(el)) el.setAttribute("data-xv-dim", ""); // not previewed
  }
  if (scope.getAttribute("data-xv-preview") !== mode) scope.setAttribute("data-xv-preview", mode);
}

function loop() {
  if (!dragging) return;
  preview(dragging.page, dragging.i);
  requestAnimationFrame(loop);
}

function listen() {
  if (listen.done) return;
  listen.done = true;
  const opts = { capture: true, passive: true };
  // Ask for a slider's grid before it is needed: when the pointer comes near or it gets focus.
  for (const type of ["pointerover", "focusin"]) {
    document.addEventListener(
      type,
      (event) => {
        const found = sliderOf(event.target);
        if (!found) return;
        found.page.near = found.i;
        askAround(found.page, found.i, Number.parseFloat(inputOf(found.slider)?.value));
      },
      opts,
    );
  }
  document.addEventListener(
    "pointerdown",
    (event) => {
      const found = sliderOf(event.target);
      if (!found) return;
      found.page.near = found.i;
      askAround(found.page, found.i, Number.parseFloat(inputOf(found.slider)?.value));
      dragging = { page: found.page, i: found.i };
      if (found.page.shown !== undefined) found.page.shown = Number.NaN; // shown afresh
      requestAnimationFrame(loop);
    },
    opts,
  );
  const stop = () => {
    if (!dragging) return;
    const { page, i } = dragging;
    dragging = null;
    requestAnimationFrame(() => {
      awaitAnswer(page, i);
      preview(page, i); // where the thumb came to rest
      for (const view of page.views.values()) catchUp(view); // and what was out of sight
    });
  };
  window.addEventListener("pointerup", stop, opts);
  window.addEventListener("pointercancel", stop, opts);
  // A key moves the thumb at once; the preview follows on the next frames.
  document.addEventListener(
    "keydown",
    (event) => {
      const found = sliderOf(event.target);
      if (!found) return;
      const again = () => preview(found.page, found.i);
      requestAnimationFrame(() => {
        awaitAnswer(found.page, found.i);
        again();
        requestAnimationFrame(again);
      });
    },
    opts,
  );
}

function renderLive(parentElement, spec, setTriggerValue) {
  // Draws nothing: its place in the page is taken out of the layout.
  const container = parentElement.closest('[data-testid="stElementContainer"]');
  if (container) container.style.display = "none";
  const page = pageOf(spec.page);
  page.scope = spec.scope;
  page.sliders = spec.sliders;
  page.state = spec.state;
  page.still = spec.still ?? [];
  if (spec.grid === undefined && spec.retry === undefined) {
    page.want = (request) => setTriggerValue("want", request);
  }
  // Any answer from the server ends the request on its way: a tile, a "later", or a run
  // (a request the run did not answer is asked again when needed).
  page.asking = null;
  if (spec.retry !== undefined) {
    page.retryAt = performance.now() + spec.retry;
    setTimeout(() => {
      // Asked again then for a thumb still held or focused where no tile reaches.
      const found =
        (dragging?.page === page && dragging) ||
        (document.activeElement && sliderOf(document.activeElement));
      const input = found && found.page === page && inputOf(page.sliders[found.i]);
      if (input) askAround(page, found.i, Number.parseFloat(input.value));
    }, spec.retry + 10);
  }
  if (spec.grid) tilesOf(page, spec.sliders[spec.slider]).set(spec.tile, spec.grid);
  const tokens = new Set(spec.sliders.map((s) => s.token));
  for (const token of page.grids.keys()) if (!tokens.has(token)) page.grids.delete(token);
  settle(page, document.querySelector(`.${CSS.escape(spec.scope)}`));
  // A slider focused, or the one the pointer came near last, gets its tiles (one at a time).
  const found = document.activeElement && sliderOf(document.activeElement);
  const near = found && found.page === page ? found.i : page.near;
  const input = near !== undefined && page.sliders[near] && inputOf(page.sliders[near]);
  if (input) askAround(page, near, Number.parseFloat(input.value));
  listen();
  freshen(page);
}

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

const IDLE_MS = 300;
const AGAIN_MS = 5_000; // a rerun asked for and not drawn by then is asked for again
let lastInput = 0;
let laterSight = null;

function scriptRunning() {
  const app = document.querySelector('[data-testid="stApp"]');
  return app?.getAttribute("data-test-script-state") === "running";
}

function freshen(page) {
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

function renderLater(parentElement, spec, setTriggerValue) {
  const container = parentElement.closest('[data-testid="stElementContainer"]');
  if (container) container.style.display = "none";
  const el = container?.parentElement?.closest('[data-testid="stVerticalBlock"]');
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

// --- the connection: a tab whose server went away gets its page back -------------------------
//
// Streamlit reconnects a tab whose websocket closed (its server restarted, or the replica behind
// the balancer died and the tab reached a live one). The new session knows nothing of the
// page's fragments, and Streamlit reruns the page on reconnecting only if a run was under way:
// after a full run, the next slider move (a fragment rerun) would be dropped, and the page left
// dimmed on the old numbers. So on reconnecting, the guard (a view drawn by every full run,
// outside the fragments) asks for a full run: the page comes back from its link. And a move the
// server has not answered for a long while asks again the same way, then reloads the page.

const guard = { trigger: null, down: false, watch: null, waiting: new Map(), runs: 0 };
const ANSWER_MS = 10_000; // a move unanswered this long asks for a full run; twice, a reload

function renderGuard(parentElement, spec, setTriggerValue) {
  const container = parentElement.closest('[data-testid="stElementContainer"]');
  if (container) container.style.display = "none";
  guard.trigger = () => setTriggerValue("rerun", Date.now());
  guard.runs += 1; // full runs drawn with a new session id (tests wait for one)
  guard.session = spec.session;
  guard.waiting.clear(); // a full run answers whatever was waiting
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || guard.watch) return;
  const state = () => app.getAttribute("data-test-connection-state");
  guard.watch = new MutationObserver(() => {
    if (state() !== "CONNECTED") guard.down = true;
    else if (guard.down) {
      guard.down = false;
      guard.trigger?.(); // reconnected: the page again, from its link
    }
  });
  guard.watch.observe(app, { attributes: true, attributeFilter: ["data-test-connection-state"] });
  setInterval(() => {
    for (const [page, since] of guard.waiting) {
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

// A watched slider was let go (or moved by a key) at a value the server has not drawn yet:
// wait for its answer.
function awaitAnswer(page, i) {
  const slider = page.sliders[i];
  const input = slider && inputOf(slider);
  if (input && Number.parseFloat(input.value) !== slider.value && !guard.waiting.has(page)) {
    guard.waiting.set(page, { at: performance.now(), asked: false });
  }
}

// --- presenting: big type, no sidebar, the lesson's sections one at a time ----------------------
//
// The page sends a "present" view while presenter mode is on (xentviz/ui/presenter.py). The
// lesson (the container keyed "<page>.lesson") is cut into sections at its subheadings (a worked
// computation further, into its lines); Page Down,
// the right arrow or the space bar (what a clicker sends) shows the next one, Page Up or the left
// arrow hides the last, Home shows the first alone and End all of them. Keys meant for a control
// (a focused slider, box or button) are left to it. How far each page is shown is kept for the tab.

const presenting = { page: null, scopeClass: null, watch: null, where: null };

function presentScope() {
  return presenting.scopeClass && document.querySelector(`.${CSS.escape(presenting.scopeClass)}`);
}

function shownSections(page) {
  return Number(sessionStorage.getItem(`xv-present-${page}`) || "1");
}

// The lesson's elements, in order: a lesson drawn in two parts (its fragments, each in a block
// of its own: xentviz/ui/sections.py lesson) is read as one.
function lessonChildren(block) {
  const parted = [...pages.values()].some((p) => p.later && block.contains(p.later.el));
  if (!parted) return [...block.children];
  return [...block.children].flatMap((child) => {
    const part = child.querySelector(':scope > [data-testid="stVerticalBlock"]');
    return part ? [...part.children] : [child];
  });
}

function sectionsOf(scope) {
  const block = scope.matches('[data-testid="stVerticalBlock"]')
    ? scope
    : scope.querySelector('[data-testid="stVerticalBlock"]') || scope;
  const sections = [[]];
  for (const child of lessonChildren(block)) {
    if (child.querySelector("h2, h3") && sections.at(-1).length) sections.push([]);
    sections.at(-1).push(child);
  }
  // A worked computation (a section with typeset maths) is revealed line by line: its heading
  // with its first element, then each element after on its own.
  const out = [];
  for (const section of sections) {
    if (!section.some((el) => el.querySelector(".katex-display"))) {
      out.push(section);
      continue;
    }
    out.push(section.slice(0, 2));
    for (const el of section.slice(2)) out.push([el]);
  }
  return out.filter((steps) => steps.length);
}

function reveal() {
  const page = presenting.page;
  const scope = presentScope();
  if (!page || !scope) return;
  const sections = sectionsOf(scope);
  const n = Math.min(Math.max(1, shownSections(page)), sections.length);
  sections.forEach((els, i) => {
    for (const el of els) {
      if (i < n) el.removeAttribute("data-xv-hidden");
      else if (!el.hasAttribute("data-xv-hidden")) el.setAttribute("data-xv-hidden", "");
    }
  });
  presenting.where.textContent = `${n} / ${sections.length}`;
  presenting.where.title = "Page Down: the next section; Page Up: back";
}

function presentKey(event) {
  if (!presenting.page || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (target?.closest?.('input, textarea, select, button, [role="slider"], [contenteditable]'))
    return; // a control's own keys
  const scope = presentScope();
  const total = scope ? sectionsOf(scope).length : 1;
  const now = Math.min(shownSections(presenting.page), total);
  const next = {
    PageDown: now + 1, ArrowRight: now + 1, " ": now + 1,
    PageUp: now - 1, ArrowLeft: now - 1, Home: 1, End: total,
  }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  sessionStorage.setItem(`xv-present-${presenting.page}`, String(Math.min(Math.max(1, next), total)));
  reveal();
  const shown = scope && sectionsOf(scope)[Math.min(Math.max(1, next), total) - 1];
  shown?.[0]?.scrollIntoView?.({ block: "start" }); // the section just shown, at the top
}

function renderPresent(parentElement, spec) {
  const container = parentElement.closest('[data-testid="stElementContainer"]');
  if (container) container.style.display = "none";
  const root = document.documentElement;
  const redraw = () => {
    for (const view of charts.values()) {
      if (!view.drawn) continue;
      view.colours = null; // a full redraw, at the new size (the same figure is "already there")
      draw(view, view.drawn, view.chunk);
    }
  };
  if (!spec.on) {
    if (root.hasAttribute("data-xv-present")) {
      root.removeAttribute("data-xv-present");
      for (const el of document.querySelectorAll("[data-xv-hidden]"))
        el.removeAttribute("data-xv-hidden");
      presenting.watch?.disconnect();
      presenting.where?.remove();
      Object.assign(presenting, { page: null, scopeClass: null, watch: null, where: null });
      redraw();
    }
    return;
  }
  const fresh = !root.hasAttribute("data-xv-present");
  root.setAttribute("data-xv-present", "");
  presenting.page = spec.page;
  presenting.scopeClass = spec.scope;
  if (!presenting.where) {
    presenting.where = document.createElement("div");
    presenting.where.className = "xv-present-where";
    presenting.where.setAttribute("aria-live", "polite");
    document.body.append(presenting.where);
  }
  if (!presenting.watch) {
    // The lesson is drawn after this view, and again on every run: hide what follows the
    // sections shown whenever the page changes (once a frame at most).
    let queued = false;
    presenting.watch = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        reveal();
      });
    });
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    presenting.watch.observe(main, { childList: true, subtree: true });
  }
  if (!presentKey.added) {
    presentKey.added = true;
    document.addEventListener("keydown", presentKey);
  }
  reveal();
  if (fresh) redraw();
}

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
