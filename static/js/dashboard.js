// Fuyuan dashboard charts (ECharts, vendored). Data comes from the page's JSON; every segment is a link.
(function () {
  "use strict";
  var COLOURS = {overdue: "#c0392b", due_soon: "#e6a700", on_track: "#2e8b57", no_deadline: "#8a8f98",
                 closed_on_time: "#1f6f8b", closed_late: "#8e44ad", cancelled: "#c8ccd2"};
  function go(params) { if (params.data && params.data.url) { window.location.href = params.data.url; } }
  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("dashboard-data");
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var lights = echarts.init(document.getElementById("chart-lights"));
    lights.setOption({
      tooltip: {trigger: "item"},
      series: [{type: "pie", radius: ["45%", "75%"], label: {formatter: "{b} {c}"},
                data: data.lights.map(function (d) { return {name: d.name, value: d.value, url: d.url, itemStyle: {color: COLOURS[d.light]}}; })}]
    });
    lights.on("click", go);
    var order = ["overdue", "due_soon", "on_track", "no_deadline", "closed_on_time", "closed_late", "cancelled"];
    var names = {};
    data.categories.forEach(function (c) { c.segments.forEach(function (s) { names[s.light] = s.name; }); });
    var series = order.filter(function (l) { return names[l]; }).map(function (light) {
      return {name: names[light], type: "bar", stack: "all", itemStyle: {color: COLOURS[light]},
              data: data.categories.map(function (c) {
                var s = c.segments.filter(function (x) { return x.light === light; })[0];
                return s ? {value: s.value, url: s.url} : {value: 0};
              })};
    });
    var categories = echarts.init(document.getElementById("chart-categories"));
    categories.setOption({
      tooltip: {trigger: "axis", axisPointer: {type: "shadow"}}, legend: {top: 0},
      grid: {left: 170, right: 20, top: 30, bottom: 20},
      xAxis: {type: "value", minInterval: 1},
      yAxis: {type: "category", inverse: true, data: data.categories.map(function (c) { return c.label; }),
              axisLabel: {width: 160, overflow: "truncate"}},
      series: series
    });
    categories.on("click", go);
    window.addEventListener("resize", function () { lights.resize(); categories.resize(); });
  });
})();
