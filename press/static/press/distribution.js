// The distribution page follows the sending job: counts and the progress bar every two
// seconds, then the page reloads once to show every recipient's status.
(function () {
  "use strict";
  var box = document.getElementById("dist-status");
  if (!box || box.getAttribute("data-finished") === "1" || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  function tick() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        document.getElementById("dist-progress").value = s.percent;
        document.getElementById("dist-progress").textContent = s.percent + "%";
        document.getElementById("dist-text").textContent = s.text;
        if (s.finished) { window.location.reload(); } else { window.setTimeout(tick, 2000); }
      }).catch(function () { window.setTimeout(tick, 5000); });
  }
  window.setTimeout(tick, 1500);
})();
