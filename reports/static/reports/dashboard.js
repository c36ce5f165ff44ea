/* KPI dashboard: draws the charts from the JSON of #kpi-charts (no inline script, strict CSP).
   Clicking a bar or slice opens the list of the requests behind it. */
(function () {
  "use strict";
  var source = document.getElementById("kpi-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var palette = ["#1d5c96", "#2e7d32", "#b35900", "#7b1fa2", "#00838f", "#ad1457", "#5d4037",
                 "#455a64", "#827717", "#283593"];

  // A point with a tone keeps its meaning's colour (the DS's success and danger colours):
  // "Late" is never drawn green because it happens to come second.
  var tones = {good: "#168821", bad: "#e52207"};

  function coloursOf(chart) {
    if (chart.type !== "doughnut") { return palette[0]; }
    return chart.points.map(function (p, n) { return tones[p.tone] || palette[n % palette.length]; });
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
      return {label: group, data: data, backgroundColor: palette[n % palette.length]};
    });
    return {labels: labels, urls: urls, datasets: datasets};
  }

  charts.forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) { return; }
    var shaped = datasetsOf(chart);
    var stacked = chart.type === "stacked";
    new Chart(canvas, {
      type: chart.type === "doughnut" ? "doughnut" : "bar",
      data: {labels: shaped.labels, datasets: shaped.datasets},
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {legend: {display: stacked || chart.type === "doughnut"}},
        scales: chart.type === "doughnut" ? {} : {x: {stacked: stacked}, y: {stacked: stacked, beginAtZero: true}},
        onClick: function (event, elements) {
          if (!elements.length) { return; }
          var url = shaped.urls[elements[0].datasetIndex][elements[0].index];
          if (url) { window.location.href = url; }
        }
      }
    });
  });
})();
