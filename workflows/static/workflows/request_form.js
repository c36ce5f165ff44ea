/* The request form, enhanced (it works without this script: every lead time and every file
   row is shown then). Loaded as a file: the Content-Security-Policy allows no inline script.
   - the lead time of the chosen kind only, updated as the kind changes;
   - one file row at first, "Add another file" for the next ones;
   - files adding up to more than the upload limit are refused before sending (the server
     would refuse the whole form, and the person would lose what she wrote). */
(function () {
  "use strict";
  var kind = document.getElementById("id_kind");
  var times = document.getElementById("lead-times");
  if (kind && times) {
    var rows = times.querySelectorAll("li[data-kind]");
    var showChosen = function () {
      rows.forEach(function (row) {
        var chosen = row.getAttribute("data-kind") === kind.value;
        row.classList.toggle("chosen", chosen);
        row.hidden = Boolean(kind.value) && !chosen;
      });
    };
    kind.addEventListener("change", showChosen);
    showChosen();
  }

  var files = document.querySelector(".request-files");
  if (!files) { return; }
  var fileRows = Array.prototype.slice.call(files.querySelectorAll("[data-file-row]"));
  var addButton = files.querySelector(".add-file-row");
  var isEmpty = function (row) {
    var used = false;
    row.querySelectorAll("input, textarea").forEach(function (input) {
      if ((input.type === "checkbox" && input.checked) ||
          (input.type !== "checkbox" && input.value)) { used = true; }
    });
    return !used && !row.querySelector(".field-errors");
  };
  fileRows.forEach(function (row, index) {
    if (index > 0 && isEmpty(row)) { row.hidden = true; }
  });
  var updateButton = function () {
    addButton.hidden = !fileRows.some(function (row) { return row.hidden; });
  };
  addButton.addEventListener("click", function () {
    var next = fileRows.filter(function (row) { return row.hidden; })[0];
    if (!next) { return; }
    next.hidden = false;
    var input = next.querySelector("input[type=file]");
    if (input) { input.focus(); }
    updateButton();
  });
  updateButton();

  var limit = parseInt(files.getAttribute("data-limit-bytes"), 10) || 0;
  var tooLarge = files.querySelector(".files-too-large");
  var form = files.closest("form");
  if (!limit || !tooLarge || !form) { return; }
  form.addEventListener("submit", function (event) {
    var total = 0;
    files.querySelectorAll("input[type=file]").forEach(function (input) {
      Array.prototype.forEach.call(input.files || [], function (file) { total += file.size; });
    });
    tooLarge.hidden = total <= limit;
    if (total > limit) {
      event.preventDefault();
      tooLarge.scrollIntoView({ block: "center" });
    }
  });
})();
