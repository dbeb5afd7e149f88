// --- the digits page's drawing grid ---------------------------------------------------------
//
// An 8 x 8 grid of pixels, each a button that is inked or not (aria-pressed). A stroke: press
// on a pixel (mouse, pen or touch) and move across others; each pixel the pointer passes takes
// the ink the first one was given (inked if it was blank, blank if it was inked), and so does
// every pixel on the line between two points the pointer reports. When the
// stroke ends, the drawing goes to the server ("drawn": 64 numbers, 0 or 1, row by row), which
// computes its logits and q: one run a stroke. By keyboard: the arrow keys move between pixels
// and Space or Enter inks or clears one (a stroke of one pixel). Nothing is computed here.

export function renderDraw(parentElement, spec, setTriggerValue) {
  let grid = parentElement.querySelector(":scope > .xv-draw");
  const side = spec.side;
  if (!grid) {
    grid = document.createElement("div");
    grid.className = "xv-draw xv-live";
    grid.setAttribute("role", "group");
    grid.setAttribute("aria-label", `Drawing grid, ${side} by ${side} pixels`);
    grid.style.setProperty("--xv-side", side);
    for (let k = 0; k < side * side; k++) {
      const cell = document.createElement("button");
      cell.type = "button";
      cell.className = "xv-pixel";
      cell.dataset.k = String(k);
      cell.tabIndex = k === 0 ? 0 : -1;
      cell.setAttribute("aria-label", `row ${Math.floor(k / side) + 1}, column ${(k % side) + 1}`);
      grid.append(cell);
    }
    parentElement.append(grid);
    listen(grid, side, () => grid.send());
  }
  // The server's drawing (after a stroke, a Clear, or a link), unless a stroke goes on.
  if (!grid.stroke) paint(grid, spec.pixels);
  grid.send = () => setTriggerValue("drawn", pixelsOf(grid));
}

function cells(grid) {
  return [...grid.querySelectorAll(".xv-pixel")];
}

function paint(grid, pixels) {
  cells(grid).forEach((cell, k) => cell.setAttribute("aria-pressed", String(pixels[k] === 1)));
}

function pixelsOf(grid) {
  return cells(grid).map((cell) => (cell.getAttribute("aria-pressed") === "true" ? 1 : 0));
}

function listen(grid, side, send) {
  const cellAt = (x, y) => {
    const el = document.elementFromPoint(x, y)?.closest?.(".xv-pixel");
    return el && grid.contains(el) ? el : null;
  };
  // A fast stroke reports points far apart: every pixel on the line between two is inked.
  const along = (event) => {
    const from = grid.at ?? { x: event.clientX, y: event.clientY };
    const to = { x: event.clientX, y: event.clientY };
    const size = grid.querySelector(".xv-pixel").getBoundingClientRect().width || 1;
    const n = Math.max(1, Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / (size / 3)));
    for (let i = 1; i <= n; i++) {
      ink(cellAt(from.x + ((to.x - from.x) * i) / n, from.y + ((to.y - from.y) * i) / n));
    }
    grid.at = to;
  };
  const ink = (cell) => {
    if (cell && cell.getAttribute("aria-pressed") !== String(grid.stroke)) {
      cell.setAttribute("aria-pressed", String(grid.stroke));
      grid.changed = true;
    }
  };
  grid.addEventListener("pointerdown", (event) => {
    const cell = cellAt(event.clientX, event.clientY);
    if (!cell) return;
    event.preventDefault(); // no text selection, no scrolling under a finger
    grid.setPointerCapture?.(event.pointerId);
    grid.stroke = cell.getAttribute("aria-pressed") !== "true";
    grid.changed = false;
    grid.at = { x: event.clientX, y: event.clientY };
    ink(cell);
  });
  grid.addEventListener("pointermove", (event) => {
    if (grid.stroke === undefined || grid.stroke === null) return;
    for (const each of event.getCoalescedEvents?.() ?? [event]) along(each);
  });
  const end = () => {
    if (grid.stroke === undefined || grid.stroke === null) return;
    grid.stroke = null;
    if (grid.changed) send();
  };
  grid.addEventListener("pointerup", end);
  grid.addEventListener("pointercancel", end);
  grid.addEventListener("keydown", (event) => {
    const cell = event.target.closest?.(".xv-pixel");
    if (!cell) return;
    const k = Number(cell.dataset.k);
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -side, ArrowDown: side };
    if (event.key in moves) {
      const to = k + moves[event.key];
      const sameRow = Math.floor(to / side) === Math.floor(k / side);
      if (to < 0 || to >= side * side || (Math.abs(moves[event.key]) === 1 && !sameRow)) return;
      event.preventDefault();
      const next = cells(grid)[to];
      cell.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      cell.setAttribute("aria-pressed", String(cell.getAttribute("aria-pressed") !== "true"));
      send();
    }
  });
}
