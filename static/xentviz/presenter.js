import { charts, draw } from "./chart.js";
import { pages } from "./live.js";
import { HOOK } from "./dom.js";

// --- presenting: big type, no sidebar, the lesson's sections one at a time ----------------------
//
// The page sends a "present" view while presenter mode is on (xentviz/ui/presenter.py). The
// lesson (the container keyed "<page>.lesson") is cut into sections at its subheadings (a worked
// computation further, into its lines); Page Down,
// the right arrow or the space bar (what a clicker sends) shows the next one, Page Up or the left
// arrow hides the last, Home shows the first alone and End all of them. Keys meant for a control
// (a focused slider, box or button) are left to it. How far each page is shown is kept for the tab.

export const presenting = { page: null, scopeClass: null, watch: null, where: null };

export function presentScope() {
  return presenting.scopeClass && document.querySelector(`.${CSS.escape(presenting.scopeClass)}`);
}

export function shownSections(page) {
  return Number(sessionStorage.getItem(`xv-present-${page}`) || "1");
}

// The lesson's elements, in order: a lesson drawn in two parts (its fragments, each in a block
// of its own: xentviz/ui/sections.py lesson) is read as one.
export function lessonChildren(block) {
  const parted = [...pages.values()].some((p) => p.later && block.contains(p.later.el));
  if (!parted) return [...block.children];
  return [...block.children].flatMap((child) => {
    const part = child.querySelector(`:scope > ${HOOK.block}`);
    return part ? [...part.children] : [child];
  });
}

export function sectionsOf(scope) {
  const block = scope.matches(HOOK.block)
    ? scope
    : scope.querySelector(HOOK.block) || scope;
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

export function reveal() {
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

export function presentKey(event) {
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
    const main = document.querySelector(HOOK.main) || document.body;
    presenting.watch.observe(main, { childList: true, subtree: true });
  }
  if (!presentKey.added) {
    presentKey.added = true;
    document.addEventListener("keydown", presentKey);
  }
  reveal();
  if (fresh) redraw();
}
