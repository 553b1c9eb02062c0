/* The one script, an enhancement only: every page works without it. */
(function () {
  "use strict";

  // "Leave this site": replace the page, so Back does not return here, on a click or on Escape.
  var leaveLink = document.querySelector("[data-leave-site]");
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.hidden = true;
    document.title = "";
    window.location.replace(leaveLink.href);
  }
  if (leaveLink) {
    leaveLink.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.isComposing) { leave(event); }
    });
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
