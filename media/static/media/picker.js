/* The request form's asset picker, enhanced (media/picker.py). Without this script the part
   is a plain multiple select of the newest assets; with it a search by title or tag shows
   thumbnails, each a toggle button (keyboard: Tab to it, Enter or Space), and the choice is
   kept in the same select, which the form posts. No inline script (CSP). */
(function () {
  "use strict";
  var box = document.querySelector(".media-picker");
  if (!box || !window.fetch) { return; }
  var select = document.getElementById(box.getAttribute("data-select"));
  if (!select) { return; }
  var input = document.getElementById("media-picker-q");
  var list = document.getElementById("media-picker-results");
  var count = box.querySelector(".media-picker-count");
  var plain = document.querySelector(".media-picker-plain");

  function option(id, title) {
    var found = null;
    Array.prototype.forEach.call(select.options, function (o) {
      if (o.value === String(id)) { found = o; }
    });
    if (!found) {
      found = document.createElement("option");
      found.value = String(id);
      found.textContent = title;
      select.appendChild(found);
    }
    return found;
  }
  function chosenTitles() {
    return Array.prototype.filter.call(select.options, function (o) { return o.selected; })
      .map(function (o) { return o.textContent; });
  }
  function say(extra) {
    var titles = chosenTitles();
    var text = titles.length ? count.getAttribute("data-chosen") + " " + titles.join("; ")
      : count.getAttribute("data-none");
    count.textContent = extra ? extra + " " + text : text;
  }
  function show(results) {
    list.textContent = "";
    results.forEach(function (asset) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "media-picker-item";
      var opt = option(asset.id, asset.title);
      button.setAttribute("aria-pressed", opt.selected ? "true" : "false");
      if (asset.thumb) {
        var img = document.createElement("img");
        img.src = asset.thumb;
        img.alt = "";
        img.width = 96;
        button.appendChild(img);
      }
      var label = document.createElement("span");
      label.textContent = asset.title + (asset.tags ? " · " + asset.tags : "");
      button.appendChild(label);
      button.addEventListener("click", function () {
        opt.selected = !opt.selected;
        button.setAttribute("aria-pressed", opt.selected ? "true" : "false");
        say();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    say(results.length ? "" : count.getAttribute("data-empty"));
  }
  var timer = null;
  function search() {
    var url = box.getAttribute("data-search-url") + "?q=" + encodeURIComponent(input.value);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) { show(data.results || []); })
      .catch(function () { show([]); });
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(); }  // never posts the form
  });
  box.hidden = false;
  if (plain) { plain.hidden = true; }
  search();
})();
