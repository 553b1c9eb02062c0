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
    var update = function () {
      counter.textContent = template.replace("{count}", box.value.length.toLocaleString());
    };
    counter.hidden = false;
    box.addEventListener("input", update);
    update();
  }
}());
