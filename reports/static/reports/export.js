/* Background KPI export: polls the job's status every 2 s and shows the download link. */
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box) { return; }
  var bar = document.getElementById("export-progress");
  var state = document.getElementById("export-state");
  var link = document.getElementById("export-link");
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (job) {
        bar.value = job.progress;
        bar.textContent = job.progress + "%";
        if (job.status === "done") {
          link.hidden = false;
          state.textContent = gettext("Ready.");
        } else if (job.status === "failed") {
          state.textContent = gettext("The export failed.");
        } else {
          state.textContent = interpolate(gettext("%s%% done"), [job.progress]);
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  if (!link.hidden) { return; }
  poll();
})();
