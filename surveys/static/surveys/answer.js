// Conditional questions ("if no, ask why"): a question with data-show-if is shown only while
// the question it depends on has one of the answers in data-show-values; a section whose
// questions are all hidden is hidden with them. Without JavaScript
// every question is shown, and the server ignores answers to questions that do not apply.
(function () {
  "use strict";
  var form = document.querySelector("form[data-survey]");
  if (!form) { return; }
  var dependents = form.querySelectorAll("[data-show-if]");
  function chosen(name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) {
        values.push(input.value);
      }
    });
    return values;
  }
  function update() {
    dependents.forEach(function (box) {
      var name = box.getAttribute("data-show-if").replace(/^id_/, "");
      var wanted = box.getAttribute("data-show-values").split("|");
      var source = document.getElementById("question-" + name.slice(1));
      var visible = (!source || !source.hidden) &&
        chosen(name).some(function (v) { return wanted.indexOf(v) !== -1; });
      box.hidden = !visible;
    });
    // A section whose every question is hidden by its condition is hidden too (optional
    // sections: "if yes, tell us more").
    form.querySelectorAll(".survey-section").forEach(function (section) {
      var questions = section.querySelectorAll(".survey-question");
      section.hidden = questions.length > 0 && Array.prototype.every.call(
        questions, function (q) { return q.hidden; });
    });
  }
  form.addEventListener("change", update);
  update();
}());
