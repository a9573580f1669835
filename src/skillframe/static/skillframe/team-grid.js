/* Team grid: keyboard navigation, comment fields and pending changes (our own script).
 *
 * Keys on a cell's select: ← → previous / next cell in the row, ↑ ↓ same column in the row
 * above / below, Home / End first / last cell of the row. Values are chosen by typing
 * (1–5, C, N) or Alt+↓ to open the list, as with any select. In a comment field ↑ ↓ move
 * between rows (← → keep editing the text); Enter does nothing (it never saves).
 *
 * Ratings are permanent, so a changed cell is only *pending*: it is marked, says what it will
 * record, and can be undone; the bar at the bottom counts the pending changes, lists them and
 * offers "Save N changes" (one deliberate submit, all or nothing) or "Undo all". Leaving the
 * page with pending changes asks first. Nothing is sent to the server before "Save".
 *
 * The comment field of a cell is hidden unless it is needed: the chosen value differs from the
 * person's own rating, the cell has an error, or a comment was typed. Without this script every
 * comment field shows and "Review changes before saving" shows the same summary from the server.
 */
(function () {
  "use strict";

  var submitting = false;

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

  function selectOf(cell) {
    return cell.querySelector("select[data-grid-control]");
  }

  function commentOf(cell) {
    return cell.querySelector("[data-comment] input");
  }

  function labelOf(select, value) {
    if (!value) return "—";
    var option = select.querySelector('option[value="' + value + '"]');
    return option ? option.textContent.trim() : value;
  }

  function isPending(cell) {
    var select = selectOf(cell);
    return Boolean(select && select.value && select.value !== cell.getAttribute("data-was"));
  }

  function commentNeeded(cell) {
    var select = selectOf(cell);
    var comment = commentOf(cell);
    var own = cell.getAttribute("data-self");
    if (cell.classList.contains("has-error") || (comment && comment.value)) return true;
    return Boolean(isPending(cell) && own && select.value !== own);
  }

  function describe(cell) {
    var select = selectOf(cell);
    return labelOf(select, cell.getAttribute("data-was")) + " → " + labelOf(select, select.value);
  }

  function refresh(cell) {
    var wrapper = cell.querySelector("[data-comment]");
    if (wrapper) wrapper.hidden = !commentNeeded(cell);
    var pending = isPending(cell);
    cell.classList.toggle("pending", pending);
    var note = cell.querySelector("[data-pending-note]");
    if (pending && !note) {
      note = document.createElement("span");
      note.className = "pending-note";
      note.setAttribute("data-pending-note", "");
      var text = document.createElement("span");
      var undo = document.createElement("button");
      undo.type = "button";
      undo.className = "link-button";
      undo.setAttribute("data-undo", "");
      undo.textContent = "Undo";
      undo.setAttribute("aria-label", "Undo the change to " + cell.getAttribute("data-person") +
        ", " + cell.getAttribute("data-code"));
      note.appendChild(text);
      note.appendChild(document.createTextNode(" "));
      note.appendChild(undo);
      cell.appendChild(note);
    }
    if (pending) {
      note.firstChild.textContent = "Pending (not saved): " + describe(cell);
    } else if (note) {
      note.remove();
    }
  }

  function pendingCells() {
    return Array.prototype.slice.call(document.querySelectorAll("td[data-was].pending"));
  }

  function updateBar() {
    var bar = document.querySelector("[data-pending-bar]");
    if (!bar) return;
    var cells = pendingCells();
    var n = cells.length;
    bar.hidden = n === 0;
    var noun = n === 1 ? "change" : "changes";
    bar.querySelector("[data-pending-status]").textContent =
      n + " pending " + noun + ", not saved yet.";
    bar.querySelector("[data-save-pending]").textContent = "Save " + n + " " + noun;
    var list = bar.querySelector("[data-pending-list]");
    list.textContent = "";
    cells.forEach(function (cell) {
      var item = document.createElement("li");
      var comment = commentOf(cell);
      item.textContent = cell.getAttribute("data-person") + ", " + cell.getAttribute("data-code") +
        ": " + describe(cell) + (comment && comment.value ? " (“" + comment.value + "”)" : "");
      list.appendChild(item);
    });
  }

  function undo(cell) {
    var select = selectOf(cell);
    var comment = commentOf(cell);
    if (select) select.value = cell.getAttribute("data-was");
    if (comment) comment.value = "";
    refresh(cell);
  }

  function setUp(root) {
    root.querySelectorAll("td[data-was]").forEach(refresh);
    var plain = root.querySelector("[data-no-script-submit]");
    if (plain) plain.hidden = true;
    var details = root.querySelector("[data-pending-details]");
    if (details) details.open = true;
    updateBar();
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
      event.preventDefault(); // Enter never submits: saving is the bar's button only
    }
  });

  function changed(event) {
    var cell = event.target.closest && event.target.closest("td[data-was]");
    if (!cell) return;
    refresh(cell);
    updateBar();
  }
  document.addEventListener("change", changed);
  document.addEventListener("input", changed);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-undo")) {
      var cell = cellOf(button);
      undo(cell);
      updateBar();
      var select = selectOf(cell);
      if (select) select.focus();
    } else if (button.hasAttribute("data-undo-all")) {
      pendingCells().forEach(undo);
      updateBar();
    }
  });

  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("[data-team-grid-form]")) submitting = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || pendingCells().length === 0) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers show their own wording; the text is not used
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
})();
