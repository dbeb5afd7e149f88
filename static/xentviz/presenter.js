import { charts, draw } from "./chart.js";
import { HOOK } from "./dom.js";

// --- presenting: big type, no sidebar, the page as a sequence of screens -----------------------
//
// The page sends a "present" view while presenter mode is on (xentviz/ui/presenter.py). The
// page's main column is cut into screens, each no taller than the window: its elements in
// order (a container, a row of columns or a column too tall for one screen is cut into its
// parts), packed into screens while they fit. The first screen ends with the page's first
// chart and the controls beside it in its row, so the hall sees the controls and the chart
// they drive together (what of the title
// and the prose above does not fit stays above it, scrolled out of sight). Page Down, the right
// arrow or the space bar (what a clicker sends) shows the next screen at the top of the window,
// Page Up or the left arrow hides the last, Home shows the first alone and End all of them.
// A screen not yet shown keeps its place, invisible, so the screens never move as they are
// shown. Keys meant for a control (a focused slider, box or button) are left to it. How far
// each page is shown is kept for the tab.
//
// The screens are measured again whenever the page changes (a run draws the lesson's two parts
// at different moments, and each may be drawn again): every element is in exactly one screen
// at every moment, so nothing stays hidden that a screen shown holds.

export const presenting = {
  page: null,
  scopeClass: null,
  watch: null,
  where: null,
  screens: [], // [{ els, top, bottom }], top and bottom in the page's coordinates
  pinned: true, // the screen shown is kept at the window's top until the reader scrolls
};

export const TOP = 12; // px of the window kept above a screen
export const BOTTOM = 48; // and below it: the counter's corner
const ROW = '[data-testid="stHorizontalBlock"]';
const PARTS = `${HOOK.block}, ${ROW}, [data-testid="stColumn"], [data-testid="stLayoutWrapper"]`;
const CHART = ".js-plotly-plot, .xv-chart";
const MENU = '[class*="-present-menu"]'; // the lecturer's menu (xentviz/ui/presenter.py)

// The height a screen may take: the window's, less its margins.
export function room() {
  return window.innerHeight - TOP - BOTTOM;
}

export function shownScreens(page) {
  return Number(sessionStorage.getItem(`xv-present-${page}`) || "1");
}

function mainBlock() {
  const main = document.querySelector(HOOK.main);
  return main?.querySelector(HOOK.block) || null;
}

// The page's elements in order, each one that fits a screen whole; one that does not (and has
// parts: a container's elements, a row's columns, a column's elements) is cut into its parts.
export function atomsOf(el, height, out = []) {
  const parts = el.matches(HOOK.element)
    ? []
    : [...el.children].filter((c) => c.matches(`${PARTS}, ${HOOK.element}`));
  if (!parts.length || el.getBoundingClientRect().height <= height) out.push(el);
  else for (const part of parts) atomsOf(part, height, out);
  return out;
}

// The elements packed into screens: each screen its elements, from the top of its first to
// the bottom of its lowest no more than `height`; an element with no size (a hidden view)
// goes with the screen before it. The first screen ends with the first chart and what stands
// beside it in its row (where the row fits a screen): it starts at the first element from
// which those fit (elements before it are `above`, never hidden).
export function screensOf(atoms, height) {
  const y = window.scrollY;
  // In the order they stand on the page, top first: the columns of a row cut apart (controls
  // beside the chart they drive) interleave, so a chart beside its controls shares their
  // screen. An element with no size keeps its place after the one before it.
  let last = -Infinity;
  const boxes = atoms
    .map((el, i) => {
      const r = el.getBoundingClientRect();
      const box = { el, i, top: r.top + y, bottom: r.bottom + y, sized: r.height >= 1 };
      if (box.sized) last = box.top;
      box.at = box.sized ? box.top : last;
      return box;
    })
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const chart = boxes.findIndex((b) => b.sized && b.el.querySelector(CHART));
  let start = 0;
  if (chart >= 0) {
    // The first screen ends with the chart and what stands beside it in its row (the controls
    // that drive it), where the row fits a screen; else with the chart.
    let end = boxes[chart].bottom;
    let last = chart; // the first screen starts at or before this element
    const row = boxes[chart].el.closest(ROW);
    const beside = row ? boxes.filter((b) => b.sized && row.contains(b.el)) : [];
    if (beside.length) {
      const top = Math.min(...beside.map((b) => b.top));
      const bottom = Math.max(end, ...beside.map((b) => b.bottom));
      if (bottom - top <= height) {
        end = bottom;
        last = boxes.indexOf(beside[0]); // in the order they stand, top first
      }
    }
    while (start < last && (!boxes[start].sized || end - boxes[start].top > height)) start++;
    while (start > 0 && !boxes[start - 1].sized) start--; // a hidden view before it goes along
  }
  const above = boxes.slice(0, start).map((b) => b.el);
  const screens = [];
  let screen = null;
  const lead = [];
  for (const b of boxes.slice(start)) {
    if (!b.sized) {
      (screen ? screen.els : lead).push(b.el);
      continue;
    }
    const top = screen ? Math.min(screen.top, b.top) : b.top;
    const bottom = screen ? Math.max(screen.bottom, b.bottom) : b.bottom;
    if (screen && bottom - top <= height) {
      Object.assign(screen, { top, bottom });
      screen.els.push(b.el);
      screen.sized.push(b);
    } else {
      // A heading starts the screen of what it introduces: one that would end a screen (not
      // its only element) goes on to the next, with what follows it, where both fit.
      const head = screen?.sized.at(-1);
      const carried = [];
      if (head && screen.sized.length > 1 && heading(head.el) && b.bottom - head.top <= height) {
        screen.sized.pop();
        const at = screen.els.indexOf(head.el);
        carried.push(...screen.els.splice(at));
        screen.top = Math.min(...screen.sized.map((x) => x.top));
        screen.bottom = Math.max(...screen.sized.map((x) => x.bottom));
      }
      const first = carried.length ? head : b;
      screen = { els: [...carried, b.el], top: first.top, bottom: b.bottom, sized: [...(carried.length ? [head] : []), b] };
      screen.bottom = Math.max(...screen.sized.map((x) => x.bottom));
      screens.push(screen);
    }
  }
  if (!screens.length) screens.push({ els: [], top: y, bottom: y, sized: [] });
  screens[0].els.unshift(...lead);
  return { above, screens };
}

// An element that is a heading only (a section's title).
function heading(el) {
  const h = el.querySelector("h1, h2, h3, h4, h5, h6");
  return !!h && el.textContent.trim() === h.textContent.trim(); // (innerText: "" when hidden)
}

// The element the page scrolls in (Streamlit's main column, or the document).
function scroller() {
  for (let el = mainBlock(); el; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && el.scrollHeight > el.clientHeight)
      return el;
  }
  return document.scrollingElement;
}

// The screen at the window's top, TOP px below it, or less where the screen before ends
// closer (elements a few px apart): no sliver of the screen before shows above it.
function place(screen, before) {
  const sized = (els) =>
    (els || []).map((el) => el.getBoundingClientRect()).filter((r) => r.height >= 1);
  const tops = sized(screen?.els).map((r) => r.top);
  if (!tops.length) return;
  const top = Math.min(...tops);
  // (an element's content may reach below its box: a heading's, by Streamlit's margin)
  const ends = (before?.els || [])
    .filter((el) => el.getBoundingClientRect().height >= 1)
    .map((el) => Math.max(...[el, el.lastElementChild].filter(Boolean)
      .map((e) => e.getBoundingClientRect().bottom)))
    .filter((b) => b <= top + 0.5);
  const gap = ends.length ? Math.max(0, top - Math.max(...ends)) : TOP;
  const delta = top - Math.max(0, Math.min(TOP, gap - 1));
  if (Math.abs(delta) >= 1) scroller().scrollBy({ top: delta, behavior: "instant" });
}

export function reveal() {
  const page = presenting.page;
  const block = mainBlock();
  if (!page || !block) return;
  // Measured with everything in its place: a screen not shown is invisible, not removed.
  const height = room();
  const atoms = [...block.children]
    .filter((child) => !child.matches(MENU) && !child.querySelector(MENU)) // fixed in a corner
    .flatMap((child) => atomsOf(child, height));
  const { above, screens } = screensOf(atoms, height);
  presenting.screens = screens;
  const n = Math.min(Math.max(1, shownScreens(page)), screens.length);
  const hide = new Set(screens.slice(n).flatMap((s) => s.els));
  for (const el of document.querySelectorAll("[data-xv-hidden]"))
    if (!hide.has(el)) el.removeAttribute("data-xv-hidden");
  for (const el of hide) if (!el.hasAttribute("data-xv-hidden")) el.setAttribute("data-xv-hidden", "");
  presenting.where.textContent = `${n} / ${screens.length}`;
  presenting.where.title = "Page Down: the next screen; Page Up: back";
  // (no sliver of what stands above the first screen shows over it either)
  if (presenting.pinned) place(screens[n - 1], n > 1 ? screens[n - 2] : { els: above });
}

export function presentKey(event) {
  if (!presenting.page || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (target?.closest?.('input, textarea, select, button, [role="slider"], [contenteditable]'))
    return; // a control's own keys
  if (event.key === "ArrowDown" || event.key === "ArrowUp") unpin(); // the reader scrolls
  const total = Math.max(1, presenting.screens.length);
  const now = Math.min(shownScreens(presenting.page), total);
  const next = {
    PageDown: now + 1, ArrowRight: now + 1, " ": now + 1,
    PageUp: now - 1, ArrowLeft: now - 1, Home: 1, End: total,
  }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  sessionStorage.setItem(`xv-present-${presenting.page}`, String(Math.min(Math.max(1, next), total)));
  presenting.pinned = true; // the screen just shown, at the top
  reveal();
}

function unpin() {
  presenting.pinned = false; // the reader scrolls: the page stays where they take it
}

export function renderPresent(parentElement, spec) {
  const container = parentElement.closest(HOOK.element);
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
      Object.assign(presenting, {
        page: null, scopeClass: null, watch: null, where: null, screens: [], pinned: true,
      });
      redraw();
    }
    return;
  }
  const fresh = !root.hasAttribute("data-xv-present");
  root.setAttribute("data-xv-present", "");
  if (presenting.page !== spec.page) presenting.pinned = true; // a page opened: its screen
  presenting.page = spec.page;
  presenting.scopeClass = spec.scope;
  if (!presenting.where) {
    presenting.where = document.createElement("div");
    presenting.where.className = "xv-present-where";
    presenting.where.setAttribute("aria-live", "polite");
    document.body.append(presenting.where);
  }
  if (!presenting.watch) {
    // The page is drawn after this view, and again on every run, and a chart takes its size
    // when plotly has drawn it: measure the screens again whenever the page changes (once a
    // frame at most), or the window's size does.
    let queued = false;
    const again = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        if (presenting.page) reveal();
      });
    };
    presenting.watch = new MutationObserver(again);
    const main = document.querySelector(HOOK.main) || document.body;
    presenting.watch.observe(main, { childList: true, subtree: true });
    if (!renderPresent.listening) {
      renderPresent.listening = true;
      window.addEventListener("resize", () => presenting.watch && again());
      for (const type of ["wheel", "touchmove"])
        document.addEventListener(type, unpin, { capture: true, passive: true });
    }
  }
  if (!presentKey.added) {
    presentKey.added = true;
    document.addEventListener("keydown", presentKey);
  }
  reveal();
  if (fresh) redraw();
}
