// The framework editor's element list (authoring/draft.html): move an element by dragging it
// onto a sibling, or from the keyboard with Alt+ArrowUp / Alt+ArrowDown on a focused row.
// Without JavaScript the ↑ ↓ buttons do the same (a plain form POST). Moves are sent to the
// same URL as the buttons (code, parent, position); the page then reloads at the moved row.
(function () {
  "use strict";
  var form = document.getElementById("draft-tree");
  if (!form) return;
  var url = form.getAttribute("data-move-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var dragged = null;

  function move(code, parent, position) {
    var body = new URLSearchParams();
    body.set("code", code);
    body.set("parent", parent);
    body.set("position", String(position));
    return fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" },
      body: body,
      credentials: "same-origin",
    }).then(function (response) {
      if (response.status === 204) {
        sessionStorage.setItem("draft-focus", code);
        window.location.reload();
        return;
      }
      return response.text().then(function (text) {
        window.alert(text || "The move was refused.");
      });
    });
  }

  function rows() {
    return Array.prototype.slice.call(form.querySelectorAll("li[data-code]"));
  }

  rows().forEach(function (row) {
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.getAttribute("data-code"));
      row.classList.add("dragging");
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("dragging");
      dragged = null;
    });
    row.addEventListener("dragover", function (event) {
      if (dragged && dragged !== row &&
          dragged.getAttribute("data-parent") === row.getAttribute("data-parent")) {
        event.preventDefault(); // siblings only: a drop takes the target's place
        row.classList.add("drop-target");
      }
    });
    row.addEventListener("dragleave", function () {
      row.classList.remove("drop-target");
    });
    row.addEventListener("drop", function (event) {
      event.preventDefault();
      row.classList.remove("drop-target");
      if (!dragged) return;
      move(dragged.getAttribute("data-code"), row.getAttribute("data-parent"),
           parseInt(row.getAttribute("data-position"), 10));
    });
    row.addEventListener("keydown", function (event) {
      if (!event.altKey || event.target !== row) return;
      var step = event.key === "ArrowUp" ? -1 : event.key === "ArrowDown" ? 1 : 0;
      if (!step) return;
      event.preventDefault();
      var position = parseInt(row.getAttribute("data-position"), 10) + step;
      if (position < 1) return;
      move(row.getAttribute("data-code"), row.getAttribute("data-parent"), position);
    });
  });

  var focus = sessionStorage.getItem("draft-focus");
  if (focus) {
    sessionStorage.removeItem("draft-focus");
    var target = form.querySelector('li[data-code="' + CSS.escape(focus) + '"]');
    if (target) target.focus();
  }
})();
