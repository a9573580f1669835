/* Manager review: pending decisions and keyboard flow (our own script; no external code).
 *
 * Manager ratings are permanent, so with this script an Agree or an Adjust is only *pending*:
 * the row is marked with what it will record and an Undo, and the bar at the bottom counts the
 * decisions, lists them and saves them all at once ("Save N decisions", one POST, all or
 * nothing) or undoes them all. Leaving the page with pending decisions asks first. An Adjust
 * without a comment is not taken (the comment is required) and says so in the row.
 *
 * After a decision the focus moves to the heading of the next row still to decide, opening its
 * section if it is folded, so a manager works down a standard with Tab / Enter alone; the focus
 * never lands on a button, so pressing Enter twice never takes two decisions.
 * Without this script each button posts its decision at once (a plain form).
 */
(function () {
  "use strict";

  var pending = {}; // element id -> {action, value, comment, label, row}
  var submitting = false;

  function bar() {
    return document.querySelector("[data-decisions-form]");
  }

  function count() {
    return Object.keys(pending).length;
  }

  function nextToDecide(after) {
    var rows = document.querySelectorAll("tr[data-to-review]");
    for (var i = 0; i < rows.length; i += 1) {
      var row = rows[i];
      if (row === after || row.classList.contains("pending")) continue;
      if (after.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING) return row;
    }
    return null;
  }

  function focusRow(row) {
    if (!row) return;
    var section = row.closest("details");
    while (section) {
      section.open = true;
      section = section.parentElement && section.parentElement.closest("details");
    }
    var heading = row.querySelector("th[scope=row]");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      row.scrollIntoView({ block: "nearest" });
    }
  }

  function codeOf(row) {
    var link = row.querySelector("th[scope=row] a");
    return link ? link.textContent.trim() : "";
  }

  function note(row, text, isError) {
    var box = row.querySelector("[data-pending-note]");
    if (!box) {
      box = document.createElement("p");
      box.setAttribute("data-pending-note", "");
      row.querySelector("td:last-child").appendChild(box);
    }
    box.className = isError ? "error" : "pending-note";
    box.textContent = "";
    if (!text) {
      box.remove();
      return;
    }
    box.appendChild(document.createTextNode(text + " "));
    if (!isError) {
      var undo = document.createElement("button");
      undo.type = "button";
      undo.className = "link-button";
      undo.setAttribute("data-undo-decision", "");
      undo.textContent = "Undo";
      undo.setAttribute("aria-label", "Undo the decision on " + codeOf(row));
      box.appendChild(undo);
    }
  }

  function refresh() {
    var form = bar();
    if (!form) return;
    var n = count();
    var noun = n === 1 ? "decision" : "decisions";
    form.hidden = n === 0;
    form.querySelector("[data-pending-status]").textContent =
      n + " pending " + noun + ", not saved yet.";
    form.querySelector("[data-save-pending]").textContent = "Save " + n + " " + noun;
    var list = form.querySelector("[data-pending-list]");
    list.textContent = "";
    Object.keys(pending).forEach(function (id) {
      var item = document.createElement("li");
      item.textContent = codeOf(pending[id].row) + ": " + pending[id].label;
      list.appendChild(item);
    });
  }

  function take(form) {
    var row = form.closest("tr[data-review-row]");
    var id = form.querySelector('input[name="element"]').value;
    var action = form.querySelector('input[name="action"]').value;
    var decision = { action: action, value: "", comment: "", row: row };
    if (action === "adjust") {
      var select = form.querySelector('select[name="value"]');
      var comment = form.querySelector('textarea[name="comment"]');
      decision.value = select.value;
      decision.comment = comment.value.trim();
      if (!decision.comment) {
        note(row, "A comment is required when you adjust a rating: say why.", true);
        comment.focus();
        return;
      }
      var chosen = select.options[select.selectedIndex];
      decision.label = "adjust to " + (chosen ? chosen.text : decision.value) +
        " (“" + decision.comment + "”)";
      var details = form.closest("details");
      if (details) details.open = false;
    } else {
      var button = form.querySelector("button");
      decision.label = button ? button.textContent.trim().toLowerCase() : "agree";
    }
    pending[id] = decision;
    row.classList.add("pending");
    note(row, "Pending (not saved): " + decision.label + ".", false);
    refresh();
    focusRow(nextToDecide(row));
  }

  function undo(row) {
    Object.keys(pending).forEach(function (id) {
      if (pending[id].row === row) delete pending[id];
    });
    row.classList.remove("pending");
    note(row, "", false);
    refresh();
  }

  // Capture: before HTMX or the browser sends the row's form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-decision]") && bar()) {
      event.preventDefault();
      event.stopPropagation();
      take(form);
    } else if (form.matches && form.matches("form[data-decisions-form]")) {
      Object.keys(pending).forEach(function (id) {
        var fields = { decision: pending[id].action, value: pending[id].value,
          comment: pending[id].comment };
        Object.keys(fields).forEach(function (name) {
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = name + "-" + id;
          input.value = fields[name];
          form.appendChild(input);
        });
      });
      submitting = true;
    } else if (form.matches && form.matches("form.bulk")) {
      if (count() > 0) {
        // Agreeing with a section reloads the page: pending decisions would be lost.
        event.preventDefault();
        event.stopPropagation();
        var status = bar().querySelector("[data-pending-status]");
        status.textContent = "Save or undo your " + count() + " pending decision" +
          (count() === 1 ? "" : "s") + " before agreeing with a whole section.";
        status.focus();
        return;
      }
      submitting = true;
    }
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-undo-decision")) {
      var row = button.closest("tr[data-review-row]");
      undo(row);
      var agree = row.querySelector("form[data-decision] button");
      if (agree) agree.focus();
    } else if (button.hasAttribute("data-undo-all") && button.closest("[data-decisions-form]")) {
      Object.keys(pending).forEach(function (id) { undo(pending[id].row); });
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || count() === 0) return;
    event.preventDefault();
    event.returnValue = ""; // browsers show their own wording
  });
})();
