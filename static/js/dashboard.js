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
    // Narrow screens (a phone at 360–414 px): legends go below the charts and labels wrap instead of being cut.
    function narrow() { return document.documentElement.clientWidth < 576; }
    var lights = echarts.init(document.getElementById("chart-lights"));
    function lightOptions() {
      var small = narrow();
      return {
        tooltip: {trigger: "item"},
        legend: small ? {bottom: 0, left: "center", type: "plain", itemWidth: 12, itemHeight: 10, textStyle: {fontSize: 12}}
                      : {show: false},
        series: [{type: "pie", radius: small ? ["32%", "55%"] : ["45%", "75%"], center: ["50%", small ? "42%" : "50%"],
                  avoidLabelOverlap: true,
                  label: small ? {formatter: "{c}", fontSize: 13} : {formatter: "{b} {c}"},
                  labelLine: {length: 6, length2: 6},
                  data: data.lights.map(function (d) { return {name: d.name, value: d.value, url: d.url, itemStyle: {color: COLOURS[d.light]}}; })}]
      };
    }
    lights.setOption(lightOptions());
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
    var categoryBox = document.getElementById("chart-categories");
    if (narrow()) {  // room for every category's label, wrapped on two lines, and the legend below
      categoryBox.style.height = Math.max(300, data.categories.length * 46 + 90) + "px";
    }
    var categories = echarts.init(categoryBox);
    function categoryOptions() {
      var small = narrow();
      return {
        tooltip: {trigger: "axis", axisPointer: {type: "shadow"}, confine: true},
        legend: small ? {bottom: 0, left: "center", itemWidth: 12, itemHeight: 10, textStyle: {fontSize: 12}} : {top: 0},
        grid: small ? {left: 4, right: 12, top: 8, bottom: 64, containLabel: true} : {left: 170, right: 20, top: 30, bottom: 20},
        xAxis: {type: "value", minInterval: 1},
        yAxis: {type: "category", inverse: true, data: data.categories.map(function (c) { return c.label; }),
                axisLabel: small ? {width: 96, overflow: "break", fontSize: 11, lineHeight: 13, interval: 0}
                                 : {width: 160, overflow: "truncate"}},
        series: series
      };
    }
    categories.setOption(categoryOptions());
    categories.on("click", go);
    window.addEventListener("resize", function () {
      lights.setOption(lightOptions(), {replaceMerge: ["series", "legend"]});
      categories.setOption(categoryOptions(), {replaceMerge: ["series", "legend", "grid"]});
      lights.resize();
      categories.resize();
    });
  });
})();
