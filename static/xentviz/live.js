import { awaitAnswer, guard } from "./connection.js";
import { positionOf, viewAt } from "./grid.js";
import { freshen } from "./later.js";
import { HOOK } from "./dom.js";

// --- the live preview -----------------------------------------------------------------------
//
// Each page has views (charts and numbers, by name) and sliders (by the class Streamlit gives a
// keyed widget's container, "st-key-<key>"). A slider's positions are cut into tiles (its
// lattice: positions first..last, each k / per, tiles of size positions); the server sends on
// request a tile: its positions and, for each, every view's content there. A tile holds while
// the rest of the state does: it is kept under a token the server computes from that rest, and
// asked for again only when the token changes. One request at a time; a request the server
// declines (too many a second) is answered with when to ask again.

export const pages = new Map(); // page name -> page

export function pageOf(name) {
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
export const sight = new WeakMap(); // element -> the view it shows
export let sightWatch = null;

export function register(pageName, viewName, show, sent, el) {
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

export function catchUp(view) {
  const pending = view.pending;
  view.pending = null;
  if (pending) view.show(pending());
}

export function sliderOf(target) {
  for (const page of pages.values()) {
    for (const [i, slider] of page.sliders.entries()) {
      if (target.closest?.(`.${CSS.escape(slider.cls)}`)) return { page, i, slider };
    }
  }
  return null;
}

export function inputOf(slider) {
  return document.querySelector(`.${CSS.escape(slider.cls)} input[type=range]`);
}

// The tile of a slider holding the position nearest value.
export function tileOf(slider, value) {
  const k = Math.min(Math.max(Math.round(value * slider.per), slider.first), slider.last);
  return Math.floor((k - slider.first) / slider.size);
}

export function tilesOf(page, slider) {
  let tiles = page.grids.get(slider.token);
  if (!tiles) page.grids.set(slider.token, (tiles = new Map()));
  return tiles;
}

// Whether a tile is held for slider i of page name at value (its current value if none).
export function holds(name, i, value) {
  const page = pages.get(name);
  const slider = page?.sliders[i];
  if (!slider) return false;
  const grid = page.grids.get(slider.token)?.get(tileOf(slider, value ?? slider.value));
  return !!grid && positionOf(grid, value ?? slider.value) >= 0;
}

// Ask for a tile of slider i (the one holding value), unless held, asked, or too soon.
export function ask(page, i, value) {
  const slider = page.sliders[i];
  if (!slider || !page.want || !Number.isFinite(value)) return;
  const tile = tileOf(slider, value);
  const key = `${slider.token}/${tile}`;
  if (tilesOf(page, slider).has(tile) || page.asking || performance.now() < page.retryAt) return;
  page.asking = key;
  page.want([i, tile]);
}

// Ask for what a thumb at value needs: its tile, then the next one if it is near its end.
export function askAround(page, i, value) {
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
export function restore(page, scope) {
  for (const view of page.views.values()) {
    view.pending = null;
    view.tile = null;
    view.restore();
  }
  page.shown = undefined;
  page.active = undefined;
  dim(page, scope, null);
}

export function preview(page, i) {
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
export function settle(page, scope) {
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

export let dragging = null; // {page, i} while a pointer holds a watched slider

// While a preview is shown, what else the page's scope says (about the state the server drew)
// is dimmed: each element but the views and sliders, marked once when the preview starts (a
// selector that looked for them on every frame would cost the browser a third of its time),
// by an attribute (React, which owns their class, would drop a class on its next render).
export function dim(page, scope, mode, still) {
  if (!scope) return;
  if (mode === null) {
    if (!scope.hasAttribute("data-xv-preview")) return;
    scope.removeAttribute("data-xv-preview");
    for (const el of scope.querySelectorAll("[data-xv-dim]")) el.removeAttribute("data-xv-dim");
    return;
  }
  if (!scope.hasAttribute("data-xv-preview")) {
    for (const el of scope.querySelectorAll(HOOK.element)) {
      if (!el.querySelector(`.xv-live, ${HOOK.slider}`))
        el.setAttribute("data-xv-dim", "");
    }
  }
  for (const name of [...page.still, ...(still ?? [])]) {
    const el = page.views.get(name)?.el.closest(HOOK.element);
    if (el && scope.contains(el)) el.setAttribute("data-xv-dim", ""); // not previewed
  }
  if (scope.getAttribute("data-xv-preview") !== mode) scope.setAttribute("data-xv-preview", mode);
}

export function loop() {
  if (!dragging) return;
  preview(dragging.page, dragging.i);
  requestAnimationFrame(loop);
}

export function listen() {
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

export function renderLive(parentElement, spec, setTriggerValue) {
  // Draws nothing: its place in the page is taken out of the layout.
  const container = parentElement.closest(HOOK.element);
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
