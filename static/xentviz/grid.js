// The live preview's grids, decoded: what the page shows at each position of a slider's tile,
// as the server sent it (xentviz/ui/live.py grid). The wire format is written down in
// PROTOCOL.md beside this file; tests/js/grid.test.mjs decodes fixtures the Python encoder wrote.
// No DOM here: node's test runner imports this module as the browser does.

export function decodeFloats(b64) {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Float64Array(bytes.buffer);
}

export const finite = (x) => (Number.isFinite(x) ? x : null);

// One column of a grid at position k: a number; a row of numbers, each the same all along or
// a column of its own (base64 text); or any JSON value, by its index among the distinct ones.
export function columnAt(column, k) {
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

export function setPath(target, path, value) {
  let node = target;
  for (const part of path.slice(0, -1)) node = node[part];
  node[path.at(-1)] = value;
}

export function viewAt(grid, name, k) {
  const view = structuredClone(grid.base[name]);
  for (const [path, column] of grid.columns[name] || []) {
    if (path.length === 0) return columnAt(column, k);
    setPath(view, path, columnAt(column, k));
  }
  return view;
}

export function positionOf(grid, value) {
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
