import { register } from "./live.js";

// --- headline numbers -----------------------------------------------------------------------

export function renderNumbers(parentElement, spec) {
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
