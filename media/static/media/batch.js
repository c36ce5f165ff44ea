// The batch page follows the background job: counts and the progress bar every two seconds.
(function () {
  "use strict";
  var box = document.getElementById("batch-progress");
  if (!box || box.getAttribute("data-finished") === "1" || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  function tick() {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (s) {
        document.getElementById("batch-bar").value = s.percent;
        document.getElementById("batch-text").textContent = s.text;
        document.getElementById("batch-done").textContent = s.done;
        document.getElementById("batch-failed").textContent = s.failed;
        document.getElementById("batch-duplicates").textContent = s.duplicates;
        if (s.finished) { window.location.reload(); } else { window.setTimeout(tick, 2000); }
      }).catch(function () { window.setTimeout(tick, 5000); });
  }
  window.setTimeout(tick, 1500);
})();
