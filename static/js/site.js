/* The one script, an enhancement only: every page works without it. */
(function () {
  "use strict";

  // Forms whose words would be lost by leaving (data-confirm-leave): the share form, an edit.
  // A field counts when it holds words its page was not sent with, or, on a form that was never
  // sent (data-confirm-leave="unsent"), any words at all: those came back after an error.
  function holdsWords(form) {
    var unsent = form.getAttribute("data-confirm-leave") === "unsent";
    return Array.prototype.some.call(
      form.querySelectorAll("textarea, input[type='text']"),
      function (field) {
        if (field.closest(".hp")) { return false; }
        return field.value.trim() !== "" && (unsent || field.value !== field.defaultValue);
      }
    );
  }
  var wordForms = Array.prototype.slice.call(document.querySelectorAll("[data-confirm-leave]"));
  function wordsOnThePage() { return wordForms.some(holdsWords); }

  // "Leave this site": replace the page, so Back does not return here, on a click, on Shift
  // pressed three times, or on Escape when Escape has nothing else to do.
  var leaveLink = document.querySelector("[data-leave-site]");
  var leaving = false;
  function leave(event) {
    if (event) { event.preventDefault(); }
    leaving = true;  // no "leave this page?" question on the way out
    document.documentElement.hidden = true;
    document.title = "";
    // No words for a restored page to show, should the browser keep one.
    wordForms.forEach(function (form) {
      Array.prototype.forEach.call(form.querySelectorAll("textarea, input[type='text']"),
        function (field) { field.value = ""; });
    });
    // This entry of the tab's history is replaced below; first make it a plain page of the
    // site, in case the browser keeps it a moment longer. Entries before it cannot be touched.
    try { window.history.replaceState(null, "", "/"); } catch (ignored) { /* not allowed */ }
    window.location.replace(leaveLink.href);
  }

  // Escape belongs to what has the focus: a text field (Escape must never throw away words),
  // a list or control that is open (Escape closes it), or a form with words in it.
  function escapeIsTaken(event) {
    if (event.defaultPrevented) { return true; }
    var target = event.target.closest ? event.target : document.body;
    if (target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false']), " +
                       "dialog[open], [aria-expanded='true']")) {
      return true;
    }
    var open = target.closest("details[open]");
    if (open) {
      open.open = false;
      var summary = open.querySelector("summary");
      if (summary) { summary.focus(); }
      return true;
    }
    return wordsOnThePage();
  }

  // Shift three times, each within a moment of the one before, with no other key between:
  // typing capitals never adds up to it.
  var SHIFT_PRESSES = 3;
  var SHIFT_WITHIN_MS = 1000;
  var shifts = [];
  if (leaveLink) {
    leaveLink.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.isComposing) { return; }
      if (event.key === "Shift") {
        if (event.repeat) { return; }
        var now = Date.now();
        if (shifts.length && now - shifts[shifts.length - 1] > SHIFT_WITHIN_MS) { shifts = []; }
        shifts.push(now);
        if (shifts.length >= SHIFT_PRESSES) { leave(event); }
        return;
      }
      shifts = [];
      if (event.key === "Escape" && !escapeIsTaken(event)) { leave(event); }
    });
  }

  // Leaving a form with words in it asks first (the browser's own question); sending it, or
  // leaving by "Leave this site", does not. Nothing is kept in the browser: the words stay
  // only in the page.
  if (wordForms.length) {
    var sending = false;
    wordForms.forEach(function (form) {
      form.addEventListener("submit", function () { sending = true; });
    });
    window.addEventListener("pageshow", function () { sending = false; });
    window.addEventListener("beforeunload", function (event) {
      if (leaving || sending || !wordsOnThePage()) { return; }
      event.preventDefault();
      event.returnValue = "";  // older browsers ask only when this is set
    });
  }

  // The one-tap "me too" on the wall: a page cached for everyone carries no token of its own,
  // so each page gets a random one here, and a double tap counts once.
  Array.prototype.forEach.call(document.querySelectorAll("[data-fresh-token]"), function (input) {
    if (input.value || !window.crypto || !window.crypto.getRandomValues) { return; }
    var bytes = window.crypto.getRandomValues(new Uint8Array(18));
    input.value = Array.prototype.map.call(bytes, function (byte) {
      return ("0" + byte.toString(16)).slice(-2);
    }).join("");
  });

  // A form that came back with errors: the focus goes to what went wrong, so it is read first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // On a phone, the share form shows only what the chosen kind needs (data-kinds), so Send is
  // close; a field with words or an error in it always stays. Without JavaScript, or on a
  // wider screen, every field is there.
  var kindRadios = document.querySelectorAll("input[name='kind'][type='radio']");
  var kindFields = document.querySelectorAll("[data-kinds]");
  if (kindRadios.length && kindFields.length && window.matchMedia) {
    var phone = window.matchMedia("(max-width: 47.99rem)");
    var showFields = function () {
      var chosen = document.querySelector("input[name='kind'][type='radio']:checked");
      Array.prototype.forEach.call(kindFields, function (field) {
        var needed = !chosen || (" " + field.getAttribute("data-kinds") + " ").indexOf(" " + chosen.value + " ") >= 0;
        var keep = field.querySelector(".errorlist, input:checked") || Array.prototype.some.call(
          field.querySelectorAll("textarea, input[type='text']"),
          function (box) { return box.value.trim() !== ""; }
        );
        field.hidden = phone.matches && !needed && !keep;
      });
    };
    Array.prototype.forEach.call(kindRadios, function (radio) {
      radio.addEventListener("change", showFields);
    });
    if (phone.addEventListener) { phone.addEventListener("change", showFields); }
    showFields();
  }

  // A live character count under the text box, so limits are no surprise.
  var counter = document.querySelector("[data-count-for]");
  var box = counter && document.getElementById(counter.getAttribute("data-count-for"));
  if (box) {
    var template = counter.getAttribute("data-template") || "{count} characters";
    // Grouped as the page's language groups numbers, in the Latin digits the server writes too.
    var locale = (document.documentElement.lang || "en") + "-u-nu-latn";
    var update = function () {
      counter.textContent = template.replace("{count}", box.value.length.toLocaleString(locale));
    };
    counter.hidden = false;
    box.addEventListener("input", update);
    update();
  }

  // An approval that needs a confirmation (data-confirm-with names the box under the text)
  // does not go out until the box is ticked: the text opens and the box takes the focus. The
  // server refuses it anyway; this only spares the round trip.
  function confirmFirst(control) {
    var box = document.getElementById(control.getAttribute("data-confirm-with") || "");
    if (!box || box.checked) { return false; }
    var reveal = box.closest("details");
    if (reveal) { reveal.open = true; }
    box.focus();
    return true;
  }
  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("[data-confirm-with]");
    if (control && confirmFirst(control)) { event.preventDefault(); }
  });

  // Moderators' keyboard shortcuts: a key clicks the control marked data-shortcut="key";
  // j and k move between the items of a list. Never from a field (but from the box that
  // confirms an approval: Space ticks it, then "a" approves).
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
    var target = event.target;
    var field = "input:not([data-confirm-box]), textarea, select, [contenteditable]";
    if (target.closest && target.closest(field)) { return; }
    var key = event.key.toLowerCase();
    if (key === "j" || key === "k") {
      var rows = Array.prototype.slice.call(document.querySelectorAll("[data-queue-action]"));
      if (!rows.length) { return; }
      var index = rows.indexOf(document.activeElement);
      index = key === "j" ? Math.min(index + 1, rows.length - 1) : Math.max(index - 1, 0);
      rows[index].focus();
      event.preventDefault();
      return;
    }
    var control = document.querySelector('[data-shortcut="' + key + '"]');
    if (control) {
      event.preventDefault();
      control.focus();
      control.click();
    }
  });

  // The wall's counter moves by itself: it asks for the count every few seconds while the page
  // is in view, and tells screen readers politely, at most once a minute. Without JavaScript the
  // number is the one the page was rendered with.
  var live = document.querySelector("[data-live-count]");
  if (live && window.fetch) {
    var number = live.querySelector(".counter__number");
    var today = live.querySelector(".counter__today");
    var announcer = live.querySelector("[data-count-announcer]");
    var every = Number(live.getAttribute("data-refresh-seconds")) * 1000;
    var announceEvery = Number(live.getAttribute("data-announce-seconds")) * 1000;
    var shown = number ? number.textContent : "";
    var lastAnnounced = Date.now();
    var refresh = function () {
      if (document.hidden) { return; }
      fetch(live.getAttribute("data-live-count"), { credentials: "omit" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (figures) {
          if (!figures || figures.display === shown) { return; }
          shown = figures.display;
          if (number) { number.textContent = figures.display; }
          if (today && figures.today_sentence) { today.textContent = figures.today_sentence; }
          if (announcer && Date.now() - lastAnnounced >= announceEvery) {
            announcer.textContent = figures.sentence;
            lastAnnounced = Date.now();
          }
        })
        .catch(function () { /* offline for a moment: the next try may work */ });
    };
    if (every > 0) { window.setInterval(refresh, every); }
  }
}());
