// Indicator trends (ECharts, vendored): one line per indicator, the target as a dashed line; a point opens its rows.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("indicator-data");
    if (!source || !window.echarts) { return; }
    var charts = [];
    JSON.parse(source.textContent).forEach(function (item, index) {
      var element = document.getElementById("chart-ind-" + index);
      if (!element) { return; }
      var chart = echarts.init(element);
      chart.setOption({
        tooltip: {trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + item.unit; }},
        grid: {left: 45, right: 20, top: 15, bottom: 25},
        xAxis: {type: "category", data: item.points.map(function (p) { return p.label; })},
        // The axis always reaches the target, so its dashed line shows even when every value is far from it.
        yAxis: {type: "value", scale: true,
                min: function (v) { return Math.floor(Math.min(v.min, item.target)); },
                max: function (v) { return Math.ceil(Math.max(v.max, item.target)); }},
        series: [{type: "line", connectNulls: false, data: item.points.map(function (p) { return {value: p.value, url: p.url}; }),
                  markLine: {symbol: "none", lineStyle: {type: "dashed", color: "#c0392b"}, data: [{yAxis: item.target}]}}]
      });
      chart.on("click", function (params) { if (params.data && params.data.url) { window.location.href = params.data.url; } });
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
