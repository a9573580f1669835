/* Team grid keyboard navigation and comment fields (our own script; no external code).
 *
 * Keys on a cell's select: ← → previous / next cell in the row, ↑ ↓ same column in the row
 * above / below, Home / End first / last cell of the row. Values are chosen by typing
 * (1–5, C, N) or Alt+↓ to open the list, as with any select. In a comment field ↑ ↓ move
 * between rows (← → keep editing the text) and Enter saves the cell instead of the whole form.
 *
 * The comment field of a cell is hidden unless it is needed: the chosen value differs from the
 * person's own rating, the cell has an error, or a comment was typed. Without this script every
 * comment field shows and the grid is a plain form.
 */
(function () {
  "use strict";

  function controls(row) {
    return Array.prototype.slice.call(row.querySelectorAll("select[data-grid-control]"));
  }

  function cellOf(element) {
    return element.closest("td[data-was]");
  }

  function move(from, rowStep, columnStep, edge) {
    var cell = cellOf(from);
    if (!cell) return;
    var row = cell.parentElement;
    var column = Array.prototype.indexOf.call(row.children, cell);
    var target = null;
    if (edge) {
      var all = controls(row);
      target = edge === "home" ? all[0] : all[all.length - 1];
    } else if (columnStep) {
      var sibling = row.children[column + columnStep];
      target = sibling && sibling.querySelector("select[data-grid-control]");
    } else {
      var other = rowStep < 0 ? row.previousElementSibling : row.nextElementSibling;
      var otherCell = other && other.children[column];
      target = otherCell && otherCell.querySelector("select[data-grid-control]");
    }
    if (target) target.focus();
  }

  function commentNeeded(cell) {
    var select = cell.querySelector("select[data-grid-control]");
    var comment = cell.querySelector("[data-comment] input");
    var own = cell.getAttribute("data-self");
    var was = cell.getAttribute("data-was");
    if (cell.classList.contains("has-error") || (comment && comment.value)) return true;
    return Boolean(select && own && select.value && select.value !== own && select.value !== was);
  }

  function refresh(cell) {
    var wrapper = cell.querySelector("[data-comment]");
    if (wrapper) wrapper.hidden = !commentNeeded(cell);
  }

  function setUp(root) {
    root.querySelectorAll("td[data-was]").forEach(refresh);
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!target.closest || !target.closest("table[data-team-grid]")) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var isSelect = target.matches("select[data-grid-control]");
    var isComment = target.matches("[data-comment] input");
    if (!isSelect && !isComment) return;
    var steps = { ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    if (isSelect) {
      steps.ArrowLeft = [0, -1];
      steps.ArrowRight = [0, 1];
    }
    if (steps[event.key]) {
      event.preventDefault(); // a closed select would otherwise change its value
      move(target, steps[event.key][0], steps[event.key][1], null);
    } else if (isSelect && (event.key === "Home" || event.key === "End")) {
      event.preventDefault();
      move(target, 0, 0, event.key === "Home" ? "home" : "end");
    } else if (isComment && event.key === "Enter") {
      event.preventDefault(); // save this cell, not the whole form
      target.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  document.addEventListener("change", function (event) {
    var cell = event.target.closest && event.target.closest("td[data-was]");
    if (cell) refresh(cell);
  });

  // A cell that comes back from the server: hide or show its comment; when it came back with
  // an error and the focus is still in it, put the focus where the fix goes.
  document.addEventListener("htmx:load", function (event) {
    if (event.target.querySelectorAll) setUp(event.target.parentElement || event.target);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var cell = event.target;
    if (!cell.matches || !cell.matches("td[data-was]")) return;
    refresh(cell);
    var comment = cell.querySelector('[data-comment] input[aria-invalid="true"]');
    if (comment && cell.contains(document.activeElement)) comment.focus();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
})();
