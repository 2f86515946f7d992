/*
 * Childmark portal: small progressive enhancement. Every page works without
 * this script; with it, the compare picker hides columns at once (the choice
 * kept in the address's #c=… so it survives on a static host) and the
 * indicator list and the member directory filter as you type or choose; the
 * tables of areas sort by any column.
 */
(() => {
  function setupCompare() {
    const form = document.querySelector("form[data-compare-picker]");
    if (!form) return;
    const boxes = Array.from(form.querySelectorAll('input[type="checkbox"][name="c"]'));

    function chosen() {
      return boxes.filter((b) => b.checked).map((b) => b.value);
    }
    function apply() {
      const picked = new Set(chosen());
      for (const cell of document.querySelectorAll("[data-cc]")) {
        cell.hidden = !picked.has(cell.getAttribute("data-cc"));
      }
    }
    function remember() {
      const picked = chosen();
      const hash = picked.length === boxes.length ? "" : `#c=${picked.join(",")}`;
      // The query (?c= from a live submit) gives way to the hash, which a static host keeps too.
      history.replaceState(null, "", location.pathname + hash);
    }
    function read() {
      const fromHash = /^#c=([a-z,]*)$/.exec(location.hash);
      const fromQuery = new URLSearchParams(location.search).getAll("c");
      const wanted = fromHash ? fromHash[1].split(",").filter(Boolean) : fromQuery;
      if (!fromHash && !fromQuery.length) return;
      const set = new Set(wanted);
      for (const b of boxes) b.checked = set.has(b.value);
    }

    read();
    apply();
    form.addEventListener("change", () => {
      apply();
      remember();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      apply();
      remember();
    });
    for (const [selector, value] of [
      ["[data-compare-all]", true],
      ["[data-compare-none]", false],
    ]) {
      const button = form.querySelector(selector);
      if (!button) continue;
      button.hidden = false;
      button.addEventListener("click", () => {
        for (const b of boxes) b.checked = value;
        apply();
        remember();
      });
    }
    window.addEventListener("hashchange", () => {
      read();
      apply();
    });
  }

  function setupSearch() {
    const box = document.querySelector("[data-indicator-search]");
    if (!box) return;
    const input = box.querySelector("input");
    const status = box.querySelector("[data-templates]");
    const templates = JSON.parse(status.getAttribute("data-templates") || "{}");
    const rules = new Intl.PluralRules(document.documentElement.lang);
    const items = Array.from(document.querySelectorAll("li[data-search]"));
    box.hidden = false;

    function say(count) {
      const template =
        count === 0 ? templates["=0"] : templates[rules.select(count)] || templates.other || "";
      status.textContent = template.replace("#", String(count));
    }
    function filter() {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const item of items) {
        const text = item.getAttribute("data-search");
        const match = words.every((w) => text.includes(w));
        item.hidden = !match;
        if (match) shown++;
      }
      for (const group of document.querySelectorAll(".indicator-subgroup, .indicator-group")) {
        group.hidden = !group.querySelector("li[data-search]:not([hidden])");
      }
      say(shown);
    }
    input.addEventListener("input", filter);
  }

  function setupMembers() {
    const box = document.querySelector("[data-member-filter]");
    if (!box) return;
    const input = box.querySelector('input[type="search"]');
    const selects = Array.from(box.querySelectorAll("select[data-filter]"));
    const status = box.querySelector("[data-templates]");
    const templates = JSON.parse(status.getAttribute("data-templates") || "{}");
    const rules = new Intl.PluralRules(document.documentElement.lang);
    const items = Array.from(document.querySelectorAll("[data-member]"));
    box.hidden = false;

    function say(count) {
      const template =
        count === 0 ? templates["=0"] : templates[rules.select(count)] || templates.other || "";
      status.textContent = template.replace("#", String(count));
    }
    function filter() {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const item of items) {
        const text = item.getAttribute("data-search") || "";
        let match = words.every((w) => text.includes(w));
        for (const select of selects) {
          if (!match || !select.value) continue;
          const key = select.getAttribute("data-filter");
          const value = item.getAttribute(`data-${key}`) || "";
          match = key === "themes" ? value.split("|").includes(select.value) : value === select.value;
        }
        item.hidden = !match;
        if (match) shown++;
      }
      for (const group of document.querySelectorAll("[data-member-group]")) {
        group.hidden = !group.querySelector("[data-member]:not([hidden])");
      }
      say(shown);
    }
    input.addEventListener("input", filter);
    for (const select of selects) select.addEventListener("change", filter);
  }

  /* Tables marked data-sortable: each column heading becomes a button; sorting again reverses. */
  function setupSorting() {
    for (const table of document.querySelectorAll("table[data-sortable]")) {
      const body = table.tBodies[0];
      const heads = Array.from(table.tHead.rows[0].cells);
      const collator = new Intl.Collator(document.documentElement.lang);
      heads.forEach((th, column) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
        button.addEventListener("click", () => {
          const ascending = th.getAttribute("aria-sort") !== "ascending";
          const numeric = th.getAttribute("data-sort-type") === "number";
          const key = (row) => {
            const cell = row.cells[column];
            return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
          };
          const rows = Array.from(body.rows);
          rows.sort((a, b) => {
            const [x, y] = [key(a), key(b)];
            // Rows without a value go last either way.
            if (x === "" || y === "") return (x === "") - (y === "");
            const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
            return ascending ? order : -order;
          });
          for (const row of rows) body.appendChild(row);
          for (const other of heads) other.removeAttribute("aria-sort");
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        });
      });
    }
  }

  function start() {
    setupCompare();
    setupSearch();
    setupMembers();
    setupSorting();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
