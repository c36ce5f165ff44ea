/* Request form: keep the "plan action" choices in step with the chosen secretariat and desired
   date (the actions of the approved plan open for them), from /plans/open-actions.json. */
(function () {
  "use strict";
  var select = document.querySelector("select[data-open-actions-url]");
  if (!select) { return; }
  var secretariat = document.getElementById("id_secretariat");
  var date = document.getElementById("id_desired_date");
  if (!secretariat) { return; }
  function refresh() {
    var url = select.getAttribute("data-open-actions-url") + "?secretariat=" +
      encodeURIComponent(secretariat.value || "") + "&date=" + encodeURIComponent(date ? date.value : "");
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (actions) {
        var chosen = select.value;
        var empty = select.querySelector("option[value='']");
        select.innerHTML = "";
        if (empty) { select.appendChild(empty); }
        actions.forEach(function (action) {
          var option = document.createElement("option");
          option.value = String(action.id);
          option.textContent = action.label;
          option.selected = option.value === chosen;
          select.appendChild(option);
        });
      });
  }
  secretariat.addEventListener("change", refresh);
  if (date) { date.addEventListener("change", refresh); }
  if (secretariat.value) { refresh(); }
})();
