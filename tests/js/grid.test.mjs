// The browser's decoder of the live preview's grids (static/xentviz/grid.js), tested with node's
// own runner against grids the Python encoder wrote (tests/grid_fixtures.py): at every checked
// position, the decoded views are exactly what the page draws there, found from the slider's
// value. The folder is tests/js/fixtures, or XV_GRID_FIXTURES when a Python test writes more.
//
//   node --test tests/js/

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { decodeFloats, positionOf, viewAt } from "../../static/xentviz/grid.js";

const folder = process.env.XV_GRID_FIXTURES || new URL("./fixtures/", import.meta.url).pathname;
const names = readdirSync(folder).filter((name) => name.endsWith(".json"));

test("there are fixtures to decode", () => {
  assert.ok(names.length >= 1, `no fixtures in ${folder}`);
});

for (const name of names) {
  test(`${name}: every checked position decodes to what the page draws there`, () => {
    const { grid, positions } = JSON.parse(readFileSync(`${folder}/${name}`, "utf8"));
    assert.ok(positions.length >= 1);
    const values = decodeFloats(grid.values);
    for (const { k, value, views } of positions) {
      assert.equal(values[k], value);
      assert.equal(positionOf(grid, value), k, `${name}: the position of ${value}`);
      for (const view of Object.keys(grid.base)) {
        const expected = view in views ? views[view] : grid.base[view];
        assert.deepEqual(viewAt(grid, view, k), expected, `${name}: ${view} at ${k}`);
      }
    }
  });

  test(`${name}: a value between positions is at none`, () => {
    const { grid } = JSON.parse(readFileSync(`${folder}/${name}`, "utf8"));
    const values = decodeFloats(grid.values);
    if (values.length < 2) return;
    assert.equal(positionOf(grid, (values[0] + values[1]) / 2), -1);
    assert.equal(positionOf(grid, values.at(-1) + 1e6), -1);
  });
}

test("a view decoded at one position leaves the grid's base as sent", () => {
  const grid = {
    values: Buffer.from(new Float64Array([0, 0.5]).buffer).toString("base64"),
    base: { n: { label: "a", value: [1, 2] } },
    columns: { n: [[["value"], { r: [1, Buffer.from(new Float64Array([2, Infinity]).buffer).toString("base64")] }]] },
    still: [],
  };
  assert.deepEqual(viewAt(grid, "n", 1), { label: "a", value: [1, null] });
  const numbers = { ...grid, base: { x: 1 }, columns: { x: [[[], { f: Buffer.from(new Float64Array([1, NaN]).buffer).toString("base64") }]] } };
  assert.equal(viewAt(numbers, "x", 0), 1);
  assert.equal(viewAt(numbers, "x", 1), null); // JSON has no NaN: the server sends null
  assert.deepEqual(grid.base.n, { label: "a", value: [1, 2] });
});
