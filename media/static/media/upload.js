// Upload many files in parts small enough for the server's request limit, then show the
// batch's progress page. Without JavaScript the form posts every file at once.
(function () {
  "use strict";
  var form = document.getElementById("media-upload");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("media-upload-status");
  var limit = parseInt(form.getAttribute("data-part-bytes"), 10) || 20000000;

  function parts(files) {
    var out = [], current = [], size = 0;
    for (var i = 0; i < files.length; i++) {
      if (current.length && size + files[i].size > limit) { out.push(current); current = []; size = 0; }
      current.push(files[i]); size += files[i].size;
    }
    if (current.length) { out.push(current); }
    return out;
  }

  function send(url, data) {
    return fetch(url, { method: "POST", body: data, credentials: "same-origin",
                        headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.json().then(function (body) {
        if (!response.ok) { throw new Error((body.errors || []).join(" ") || response.status); }
        return body;
      }); });
  }

  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files || input.files.length < 2) { return; }
    var groups = parts(input.files);
    if (groups.length < 2) { return; }  // one request is enough
    event.preventDefault();
    var first = new FormData(form);
    first.delete(input.name);
    first.append("parts", "more");
    groups[0].forEach(function (f) { first.append(input.name, f); });
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var sent = groups[0].length, total = input.files.length;
    status.textContent = sent + " / " + total;
    send(form.action || window.location.href, first).then(function (batch) {
      var chain = Promise.resolve();
      groups.slice(1).forEach(function (group, index) {
        chain = chain.then(function () {
          var data = new FormData();
          data.append("csrfmiddlewaretoken", token);
          group.forEach(function (f) { data.append("files", f); });
          if (index === groups.length - 2) { data.append("last", "1"); }
          return send(batch.add, data).then(function () {
            sent += group.length; status.textContent = sent + " / " + total;
          });
        });
      });
      return chain.then(function () { window.location.href = batch.page; });
    }).catch(function (error) { status.textContent = String(error.message || error); });
  });
})();
