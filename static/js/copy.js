/* Copy buttons: <button data-copy-target="ID" hidden> copies the value of the field with
   that id. The button stays hidden without JavaScript; the field itself can be selected and
   copied by hand. An element with data-copy-status="ID" says what happened, for everyone. */
(function () {
  "use strict";

  function say(id, text) {
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (status) {
      status.textContent = text;
    }
  }

  function copyFrom(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    // Older browsers, or a page served without HTTPS: select the text and copy it.
    field.focus();
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  function show(root) {
    root.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    var id = button.getAttribute("data-copy-target");
    var field = document.getElementById(id);
    if (!field) {
      return;
    }
    copyFrom(field).then(
      function () {
        say(id, button.getAttribute("data-copied") || "Copied.");
      },
      function () {
        field.focus();
        field.select();
        say(id, button.getAttribute("data-copy-failed") || "Press Ctrl+C or Command+C to copy.");
      }
    );
  });

  document.addEventListener("htmx:afterSettle", function () {
    show(document);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      show(document);
    });
  } else {
    show(document);
  }
})();
