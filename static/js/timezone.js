// Fill hidden "browser_time_zone" inputs with the browser's time zone, so reminders
// arrive in the person's morning without asking them. Nothing is sent anywhere else.
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  document.querySelectorAll('input[name="browser_time_zone"]').forEach(function (input) {
    input.value = zone;
  });
})();
