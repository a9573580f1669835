/* Self-assessment wizard: save each answer as it changes (our own script; no external code).
 *
 * A change in the step form (a tick, a level, a judgement, the confidence, a comment being
 * typed) is saved after a short pause by posting the whole form with action=autosave; the
 * server answers with the save status only, shown in the sticky footer beside the controls, so
 * the inputs, the focus and the caret stay as they are. Saving appends ratings only for what
 * changed (the server compares with the last saved values).
 *
 * Where autosave cannot apply (a skill step without a level yet, a refused value) the status
 * says why, and leaving the page asks first. Back / Next are plain submits that save before
 * moving; following another link first finishes a pending save. Without this script the form
 * keeps its explicit Save, and Back / Next still save.
 */
(function () {
  "use strict";

  var DELAY_CHANGE = 600; // ms after a click-like change
  var DELAY_TYPING = 1200; // ms after the last keystroke in a text field
  var timer = null;
  var version = 0; // bumped on every change; a save is current only if nothing changed since
  var savedVersion = 0;
  var inFlight = null; // the promise of the running save
  var leaving = false;
  var htmxSaving = false; // the explicit Save (HTMX) is on its way

  function form() {
    return document.querySelector("form[data-autosave]");
  }

  function statusBox() {
    return document.querySelector("[data-save-status]");
  }

  function dirty() {
    return version !== savedVersion;
  }

  function show(html) {
    var box = statusBox();
    if (box) box.innerHTML = html;
  }

  function showPending() {
    var box = statusBox();
    if (!box) return;
    box.innerHTML = "";
    var text = document.createElement("span");
    text.className = "save-state-dirty";
    text.textContent = "Unsaved changes — saving…";
    box.appendChild(text);
  }

  function save() {
    var target = form();
    if (!target || !dirty()) return Promise.resolve(true);
    if (htmxSaving) return Promise.resolve(false); // the explicit Save sends everything
    if (inFlight) return inFlight.then(save);
    window.clearTimeout(timer);
    var sending = version;
    var data = new FormData(target);
    data.set("action", "autosave");
    data.delete("go");
    // Not target.action: the form holds buttons named "action", which shadow the property.
    inFlight = fetch(target.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Skillframe-Autosave": "1" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var state = holder.querySelector("[data-save-state]");
        var ok = Boolean(state) && state.getAttribute("data-save-state") === "saved";
        if (ok && sending === version) savedVersion = sending;
        var progress = holder.querySelector("[data-progress]");
        var shown = document.getElementById("wizard-progress");
        if (progress && shown) shown.textContent = progress.textContent;
        if (dirty() && ok) {
          showPending(); // changed again while saving: the next save is scheduled
        } else {
          show(html);
        }
        return ok;
      })
      .catch(function () {
        show('<p class="notice error">Not saved: the server could not be reached. ' +
          "Your answers are still on this page; press Save to try again.</p>");
        return false;
      })
      .finally(function () {
        inFlight = null;
      });
    return inFlight;
  }

  function schedule(delay) {
    version += 1;
    showPending();
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  function onEdit(event) {
    var target = form();
    if (!target || !target.contains(event.target)) return;
    var typing = event.type === "input" &&
      (event.target.tagName === "TEXTAREA" || event.target.type === "text");
    if (event.type === "input" && !typing) return; // radios and boxes also fire "change"
    schedule(typing ? DELAY_TYPING : DELAY_CHANGE);
  }

  document.addEventListener("change", onEdit);

  // A NOS step's folding sections: the summary counts the section's answered items as they
  // change (one radio group per item, so the checked radios are the answered items); once a
  // section is complete, the next section with something unanswered opens.
  function answeredIn(section) {
    return section.querySelectorAll('input[type="radio"]:checked').length;
  }
  function totalIn(section) {
    var counter = section.querySelector("[data-section-progress]");
    return counter ? Number(counter.getAttribute("data-total")) : 0;
  }
  document.addEventListener("change", function (event) {
    var section = event.target.closest && event.target.closest("details[data-section]");
    var counter = section && section.querySelector("[data-section-progress]");
    if (!counter) return;
    var answered = answeredIn(section);
    counter.textContent = answered + " of " + totalIn(section) + " answered";
    if (answered < totalIn(section)) return;
    var sections = Array.prototype.slice.call(document.querySelectorAll("details[data-section]"));
    var after = sections.slice(sections.indexOf(section) + 1).concat(sections);
    for (var i = 0; i < after.length; i += 1) {
      if (answeredIn(after[i]) < totalIn(after[i])) {
        after[i].open = true;
        return;
      }
    }
  });
  document.addEventListener("input", onEdit);

  // The explicit Save (HTMX) never runs beside an autosave: both write the same answers, so the
  // Save waits for a running autosave and cancels a scheduled one (it sends everything anyway).
  document.addEventListener("htmx:confirm", function (event) {
    var button = event.target;
    var target = form();
    if (!target || !target.contains(button) || !button.matches('button[value="save"]')) return;
    window.clearTimeout(timer);
    htmxSaving = true;
    window.setTimeout(function () { htmxSaving = false; }, 15000); // never stuck
    if (inFlight) {
      event.preventDefault();
      inFlight.then(function () { event.detail.issueRequest(); });
    }
  });
  function htmxDone() {
    htmxSaving = false;
  }
  document.addEventListener("htmx:responseError", htmxDone);
  document.addEventListener("htmx:sendError", htmxDone);

  // The explicit Save (HTMX) swaps in a fresh form holding what was saved.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "step-form") {
      savedVersion = version;
      htmxDone();
    }
  });

  // Back / Next / All steps are plain submits: the server saves before moving (after a running
  // autosave has finished, so the two never write the same answers at once).
  document.addEventListener("submit", function (event) {
    var target = form();
    if (!target || event.target !== target) return;
    window.clearTimeout(timer);
    if (inFlight) {
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () { target.requestSubmit(submitter); });
      return;
    }
    leaving = true;
  });

  // Any other link: finish saving first, then follow it; if saving fails, stay and say why.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !dirty() || event.defaultPrevented) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || link.target === "_blank") return;
    event.preventDefault();
    save().then(function (ok) {
      if (ok && !dirty()) {
        leaving = true;
        window.location.href = link.href;
      }
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || !dirty()) return;
    event.preventDefault();
    event.returnValue = ""; // browsers show their own wording
  });
})();
