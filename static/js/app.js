/* CP14 Helper: small extras on pages that already work without JavaScript. */
(function () {
  "use strict";

  function showPrintButtons(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
    });
  }

  // After htmx swaps new content in, move focus to it: the new question's heading, or the
  // error summary. Keyboard and screen reader users then start at the right place.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail && event.detail.elt;
    if (!root || !root.isConnected) {
      root = document;
    }
    var target = root.querySelector("[data-autofocus]");
    if (target) {
      target.focus({ preventScroll: target.tagName !== "BUTTON" });
    }
    showPrintButtons(document);
  });

  // Print buttons stay hidden until this script can make them work.
  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("[data-print]")) {
      window.print();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      showPrintButtons(document);
    });
  } else {
    showPrintButtons(document);
  }
})();
