import { register } from "./live.js";

export const BASE = new URL("../../../", import.meta.url); // the app's root, under any baseUrlPath
// Each chart downloads as a PNG at three times its size (sharp on a slide) or as an SVG, named
// after its page and chart ("playground-q.png").
export function plotlyConfig(Plotly, filename) {
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
export const DIMMED = 0.35; // the opacity of what a preview leaves behind, until the server answers

// --- loading plotly.js once ----------------------------------------------------------------

export let plotly = null;

export function loadPlotly(chunk) {
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

// --- the theme, read from the variables Streamlit gives every component ---------------------

export function theme(el) {
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

export function themed(layout, t, gd = null) {
  const axis = (a) => ({
    gridcolor: t.border,
    linecolor: t.border,
    zerolinecolor: t.border,
    ...a,
  });
  // Presenting: the figure enlarged as a whole (presentScale), text and the room for it alike.
  const big = t.present ? enlarged(layout, presentScale(layout, gd)) : {};
  return {
    ...layout,
    ...big,
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { family: t.font, ...(big.font || layout.font || {}), color: t.text },
    hoverlabel: { bgcolor: t.background, bordercolor: t.border, font: { color: t.text } },
    xaxis: axis(layout.xaxis || {}),
    yaxis: axis(layout.yaxis || {}),
  };
}

// --- presenting: a chart enlarged as a whole ------------------------------------------------
//
// While presenting, a chart is the desktop's chart enlarged by one factor: its height, every
// text size (the layout's, titles', legends', ticks', colour bars', annotations', each trace's
// text) and every distance in px (margins, pads, shifts, tick lengths, colour bar widths). Its
// text keeps its place against everything else, so what does not collide on a desktop (or on
// a phone's narrower chart: the width is not enlarged) does not collide here either. The factor
// takes the text to PRESENT_FONT px where the chart's height allows, and the chart to at most
// PRESENT_SHARE of the window's height, so a screen holds a chart with the title, the line
// above it or the controls beside it (presenter.js's screens).
export const PRESENT_FONT = 22;
export const PRESENT_SHARE = 0.6;
const SIZES = new Set(["xshift", "yshift", "ticklen", "standoff", "thickness"]);

// The page's first chart takes no more than the window leaves below the page's title, so the
// first screen shows the title, the chart and the controls beside it (none less than
// PRESENT_LEAST of the window's height).
export const PRESENT_LEAST = 0.42;

export function presentScale(layout, gd = null) {
  const height = layout.height || 340;
  const font = layout.font?.size || 14;
  let most = innerHeight * PRESENT_SHARE;
  const main = gd?.closest('[data-testid="stMain"]');
  const title = main?.querySelector("h1");
  if (title && main.querySelector(".js-plotly-plot, .xv-chart") === gd) {
    const below = innerHeight - 60 - (gd.getBoundingClientRect().top - title.getBoundingClientRect().top);
    most = Math.min(most, Math.max(innerHeight * PRESENT_LEAST, below));
    // beside its controls, at most half the window: the row (controls, chart) fits a screen
    if (gd.closest('[data-testid="stHorizontalBlock"]')) most = Math.min(most, innerHeight / 2);
  }
  return Math.max(1, Math.min(PRESENT_FONT / font, most / height));
}

function times(value, s) {
  if (typeof value === "number") return Math.round(value * s * 10) / 10;
  return Array.isArray(value) ? value.map((v) => times(v, s)) : value;
}

// A copy of a figure's layout or trace with its sizes in px times s (its data arrays shared).
export function enlarged(obj, s, key = "") {
  if (Array.isArray(obj))
    return obj.length && typeof obj[0] === "object" && obj[0] !== null
      ? obj.map((o) => enlarged(o, s, key))
      : obj;
  if (typeof obj !== "object" || obj === null) return obj;
  const out = {};
  const font = /font$/i.test(key);
  const margin = key === "margin" || key === "pad";
  const pixels = (k) => [undefined, "pixel"].includes(obj[k === "ax" ? "axref" : "ayref"]);
  for (const [k, v] of Object.entries(obj)) {
    if ((font && k === "size") || (margin && typeof v === "number")) out[k] = times(v, s);
    else if (SIZES.has(k) && typeof v === "number") out[k] = times(v, s);
    else if ((k === "ax" || k === "ay") && typeof v === "number" && pixels(k)) out[k] = times(v, s);
    else if (k === "height" && key === "" && typeof v === "number") out[k] = Math.round(v * s);
    else if (typeof v === "object" && v !== null) out[k] = enlarged(v, s, k);
    else out[k] = v;
  }
  if (key === "" && obj.height === undefined && obj.xaxis) out.height = Math.round(340 * s);
  if (key === "" && obj.xaxis && !obj.font?.size) out.font = { ...(obj.font || {}), size: times(14, s) };
  return out;
}

// --- text of a figure, for screen readers ---------------------------------------------------

export function plainText(html) {
  // Parsed in a document of its own, which runs nothing and loads nothing (an element made in
  // this page's document would load an <img> in it even unattached).
  const text = String(html ?? "").replace(/<br\s*\/?>/gi, " ");
  return new DOMParser().parseFromString(text, "text/html").body.textContent;
}

// --- charts ---------------------------------------------------------------------------------

export const charts = new Map(); // element -> {gd, figure, next, busy}

export function chartView(parentElement) {
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

// --- a figure drawn, and a preview's frame drawn quickly -----------------------------------
//
// Plotly.react rebuilds the whole figure's defaults and recalculates every trace: about 17 ms a
// chart here, and two charts beside a slider are more than a frame has. A preview frame
// mostly changes only numbers along a slider (a trace's x, y, text, z, and its hover text: the
// same layout, theme, traces, lengths and axis ranges), so it skips the defaults: each trace's own module
// recalculates it (calc, crossTraceCalc), the cartesian plot draws it and the modules style
// it, the steps plotly's own redraw takes after its defaults, now, in this frame (about 2 ms a
// chart). (Plotly.animate skips nothing: its defaults pass costs as much, and it redraws
// neither a heat map's text nor margins that move.) Anything else is Plotly.react's, and so is
// the server's answer. A browser test compares every preview frame's drawing with
// Plotly.react's of the same figure (tests/test_live.py).
// What a quick frame may change in a trace: its numbers, and words read only on hover (a name
// no legend shows).
export const MOVING = ["x", "y", "text", "z", "hovertemplate", "name"];

function axisName(id) {
  return id.replace(/^([xy])(\d*)$/, "$1axis$2");
}

// Whether figure f differs from the one view drew only in MOVING numbers a quick frame can draw.
export function numbersOnly(view, f) {
  const was = view.drawn;
  const gd = view.gd;
  const fullData = gd._fullData;
  const layout = gd._fullLayout;
  if (!was || !fullData || fullData.length !== f.data.length || !layout?._plots) return false;
  if (JSON.stringify(was.layout) !== JSON.stringify(f.layout)) return false;
  return f.data.every((trace, i) => {
    const old = was.data[i];
    const full = fullData[i];
    const keys = Object.keys(trace);
    if (keys.length !== Object.keys(old).length || full.visible !== true) return false;
    if (full._module?.basePlotModule?.name !== "cartesian") return false;
    return keys.every((key) => {
      if (!MOVING.includes(key)) return JSON.stringify(trace[key]) === JSON.stringify(old[key]);
      const value = trace[key];
      if (key === "hovertemplate") return typeof value === "string";
      if (key === "name") return value === old[key] || !(layout.showlegend && full.showlegend);
      if (!Array.isArray(value) || !Array.isArray(old[key])) return value === old[key];
      if (value.length !== old[key].length) return false;
      if (JSON.stringify(value) === JSON.stringify(old[key])) return true;
      // Numbers that set an axis's range, or a colour bar's, would move it: react's.
      if (key === "z") return full.showscale !== true;
      if (key === "text") return true;
      return layout[axisName(full[`${key}axis`])]?.autorange === false;
    });
  });
}

export function drawNumbers(view, f) {
  const gd = view.gd;
  const fullData = gd._fullData;
  const layout = gd._fullLayout;
  f.data.forEach((trace, i) => {
    for (const key of MOVING) {
      if (trace[key] === undefined) continue;
      fullData[i][key] = trace[key];
      gd.data[i][key] = trace[key]; // what a reader of the chart sees drawn
    }
  });
  gd.calcdata = fullData.map((trace) => {
    let cd = trace._length !== 0 ? trace._module.calc(gd, trace) : null;
    if (!Array.isArray(cd) || !cd[0]) cd = [{ x: undefined, y: undefined }];
    cd[0].t ??= {};
    cd[0].trace = trace;
    return cd;
  });
  const modules = layout._visibleModules;
  for (const module of modules) {
    if (!module.crossTraceCalc) continue;
    for (const plotinfo of Object.values(layout._plots)) module.crossTraceCalc(gd, plotinfo);
  }
  for (const base of layout._basePlotModules) base.plot(gd);
  for (const style of new Set(modules.map((m) => m.style).filter(Boolean))) style(gd);
}

// Draws the latest figure asked for: a figure asked for while another is drawn replaces any
// still waiting, so a drag never queues up frames behind the pointer. A preview's frame
// (moving) is drawn quickly where it can be; the theme is as last drawn while view.colours is
// set (watchTheme clears it).
export function draw(view, figure, chunk, moving = false) {
  if (!view.busy && figure === view.drawn && view.colours) return view.done; // already there
  if (moving && !view.busy && view.colours && numbersOnly(view, figure)) {
    try {
      drawNumbers(view, figure);
      view.drawn = figure;
      view.quick = (view.quick ?? 0) + 1; // frames drawn so, and how the last was (tests look)
      view.how = "quick";
      return view.done;
    } catch {
      view.colours = null; // Plotly.react, below, draws it whole
    }
  }
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
        const title = f.layout?.title?.text ?? "";
        view.gd.setAttribute("aria-label", view.summary || plainText(title) || "chart");
        const config = plotlyConfig(Plotly, view.filename || "xentviz-chart");
        const data = t.present ? enlarged(f.data, presentScale(f.layout || {}, view.gd), "data") : f.data;
        await Plotly.react(view.gd, data, themed(f.layout, t, view.gd), config);
        view.drawn = f;
        view.colours = JSON.stringify(t);
        view.how = "react";
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

export function renderChart(parentElement, spec) {
  const view = chartView(parentElement);
  view.chunk = spec.chunk;
  view.filename = [spec.page, spec.name].filter(Boolean).join("-") || "xentviz-chart";
  // What a screen reader says of the chart: its numbers in words, from the server.
  view.summary = spec.summary;
  if (spec.summary && view.gd.getAttribute("aria-label") !== spec.summary)
    view.gd.setAttribute("aria-label", spec.summary);
  const sent = () => draw(view, spec.figure, spec.chunk);
  const show = (f) => draw(view, f, spec.chunk, true);
  const shown = register(spec.page, spec.name, show, sent, view.gd);
  if (shown?.incoming && view.drawn) return view.done; // the page's live view settles it
  return sent();
}

// Colours follow the theme: when Streamlit's theme changes (its variables are set on an
// element above every component), every chart is drawn again in the new colours.
export let themeWatch = null;

// In the dark theme the primary colour is a light blue, which white text on a primary button
// would not stand out from (2.3:1): such buttons get dark text instead (8:1).
export function markDark(el) {
  const text = theme(el).text.trim();
  const hex = text.match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i);
  const channels = hex
    ? hex.slice(1, 4).map((h) => Number.parseInt(h, 16))
    : (text.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const light = channels.length === 3 && channels.reduce((a, b) => a + b, 0) > 3 * 128;
  document.documentElement.toggleAttribute("data-xv-dark", light);
}

export function watchTheme(el) {
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
