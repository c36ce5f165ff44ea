/* KPI dashboard: draws the charts from the JSON of #kpi-charts (no inline script, strict CSP).
   Clicking a bar or slice opens the list of the requests behind it. */
(function () {
  "use strict";
  var source = document.getElementById("kpi-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var palette = ["#1d5c96", "#2e7d32", "#b35900", "#7b1fa2", "#00838f", "#ad1457", "#5d4037",
                 "#455a64", "#827717", "#283593"];
  var locale = document.documentElement.lang || "pt-BR";
  var settings = document.getElementById("kpi-settings");
  var currency = (settings && settings.getAttribute("data-currency")) || "BRL";

  // A point with a tone keeps its meaning's colour, the colour family of the state tags
  // (pauta/states.py, pauta.css .state-tag.tone-*), read from the design system's own custom
  // properties: "Late" and "Rejected" red, "On time" and "Closed" green, whatever their place.
  var root = getComputedStyle(document.documentElement);
  function dsColour(name, fallback) { return (root.getPropertyValue(name) || "").trim() || fallback; }
  var tones = {
    done: dsColour("--green-cool-vivid-50", "#168821"),
    stopped: dsColour("--red-vivid-50", "#e52207"),
    waiting: dsColour("--yellow-vivid-40", "#b38c00"),
    progress: dsColour("--blue-warm-vivid-60", "#155bcb"),
    neutral: dsColour("--gray-50", "#757575")
  };
  tones.good = tones.done;
  tones.bad = tones.stopped;

  function coloursOf(chart) {
    if (chart.type !== "doughnut") { return palette[0]; }
    return chart.points.map(function (p, n) { return tones[p.tone] || palette[n % palette.length]; });
  }

  // Axis ticks and tooltips in the page's language: "27.200", "R$ 27.200,00", "55,7%".
  function formatter(unit) {
    if (unit === "money") { return new Intl.NumberFormat(locale, {style: "currency", currency: currency}); }
    if (unit === "percent") { return {format: function (v) { return new Intl.NumberFormat(locale, {maximumFractionDigits: 1}).format(v) + "%"; }}; }
    return new Intl.NumberFormat(locale, {maximumFractionDigits: 1});
  }

  function datasetsOf(chart) {
    if (chart.type !== "stacked") {
      return {labels: chart.points.map(function (p) { return p.label; }),
              urls: [chart.points.map(function (p) { return p.url; })],
              datasets: [{label: chart.title, data: chart.points.map(function (p) { return p.value; }),
                          backgroundColor: coloursOf(chart)}]};
    }
    var labels = [], groups = [];
    chart.points.forEach(function (p) {
      if (labels.indexOf(p.label) < 0) { labels.push(p.label); }
      if (groups.indexOf(p.group) < 0) { groups.push(p.group); }
    });
    var urls = [], datasets = groups.map(function (group, n) {
      var data = labels.map(function () { return 0; }), links = labels.map(function () { return null; });
      chart.points.forEach(function (p) {
        if (p.group === group) { data[labels.indexOf(p.label)] = p.value; links[labels.indexOf(p.label)] = p.url; }
      });
      urls.push(links);
      var tone = (chart.points.filter(function (p) { return p.group === group && p.tone; })[0] || {}).tone;
      return {label: group, data: data, backgroundColor: tones[tone] || palette[n % palette.length]};
    });
    return {labels: labels, urls: urls, datasets: datasets};
  }

  charts.forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) { return; }
    // A point's list URL is its row's link in the chart's table (same order), not repeated
    // in the JSON.
    var rows = canvas.closest("figure").querySelectorAll("tbody tr");
    chart.points.forEach(function (p, n) {
      var link = rows[n] && rows[n].querySelector("a");
      p.url = link ? link.getAttribute("href") : null;
    });
    var shaped = datasetsOf(chart);
    var stacked = chart.type === "stacked";
    var format = formatter(chart.unit);
    var tick = {callback: function (value) { return format.format(value); }};
    if (chart.unit === "count") { tick.precision = 0; }  // no "0,5" request on a count axis
    new Chart(canvas, {
      type: chart.type === "doughnut" ? "doughnut" : "bar",
      data: {labels: shaped.labels, datasets: shaped.datasets},
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        locale: locale,
        plugins: {
          legend: {display: stacked || chart.type === "doughnut"},
          tooltip: {callbacks: {label: function (item) {
            var value = item.raw === null || item.raw === undefined ? "—" : format.format(item.raw);
            return (item.dataset.label && stacked ? item.dataset.label + ": " : "") + value;
          }}}
        },
        scales: chart.type === "doughnut" ? {} : {x: {stacked: stacked}, y: {stacked: stacked, beginAtZero: true, ticks: tick}},
        onClick: function (event, elements) {
          if (!elements.length) { return; }
          var url = shaped.urls[elements[0].datasetIndex][elements[0].index];
          if (url) { window.location.href = url; }
        }
      }
    });
  });
})();
