/* Manager review: keyboard flow (our own script; no external code).
 *
 * After a decision on a row (Agree or Adjust, answered by HTMX with the row), the focus moves
 * to the heading of the next row still to review, opening its section if it is folded, so a
 * manager works down a standard with Tab / Enter alone (Tab reaches that row's Agree). When the answer carries an error
 * the focus stays in the row, on the field to fix.
 */
(function () {
  "use strict";

  function nextToReview(after) {
    var rows = document.querySelectorAll("tr[data-to-review]");
    for (var i = 0; i < rows.length; i += 1) {
      // The first row still to review that comes after this one in the page.
      if (rows[i] !== after && after.compareDocumentPosition(rows[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return rows[i];
      }
    }
    return null;
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var row = event.target;
    if (!row.matches || !row.matches("tr[data-review-row]")) return;
    if (!document.body.contains(row)) return;
    var invalid = row.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      return;
    }
    var next = nextToReview(row);
    if (!next) return;
    var section = next.closest("details");
    while (section) {
      section.open = true;
      section = section.parentElement && section.parentElement.closest("details");
    }
    // The focus goes to the row's heading, not its Agree button, so that pressing Enter twice
    // never records two decisions: Tab then reaches the row's buttons.
    var heading = next.querySelector("th[scope=row]");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      next.scrollIntoView({ block: "nearest" });
    }
  });
})();
