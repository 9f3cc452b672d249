// khoagiao — dashboard charts. Each chart is drawn from the table beside it
// (the numbers stay readable, and linked, without JavaScript): columns marked
// data-plot are the series, rows the bars; data-color names a colour.
(function () {
  "use strict";
  var palette = {
    ok: "#1e7b34", warn: "#d08a00", bad: "#b42318", info: "#0b57a4",
    accent: "#6b4fa0", muted: "#8a939e", "": "#0b57a4"
  };
  var fallback = ["#0b57a4", "#1e7b34", "#d08a00", "#b42318", "#6b4fa0", "#8a939e"];

  function colour(name, i) {
    return palette[name || ""] || fallback[i % fallback.length];
  }

  // short keeps an axis label to one readable line: shorter on phones.
  function short(s, max) {
    s = s.replace(/\s+/g, " ").trim();
    return s.length > max ? s.slice(0, max - 1).trim() + "…" : s;
  }

  function read(table, max) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
    var cols = [];
    heads.forEach(function (th, i) {
      if (th.dataset.plot) { cols.push({ i: i, label: th.textContent.trim(), color: th.dataset.color }); }
    });
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      var label = tr.querySelector(".row-label") || tr.cells[0];
      return {
        label: short(label.textContent, max), color: tr.dataset.color,
        values: cols.map(function (c) { return Number(tr.cells[c.i + 1].dataset.value || 0); })
      };
    });
    return { cols: cols, rows: rows };
  }

  function config(kind, data) {
    var labels = data.rows.map(function (r) { return r.label; });
    var base = {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: data.cols.length > 1 || kind === "doughnut", position: "bottom" } }
    };
    if (kind === "doughnut") {
      return {
        type: "doughnut", options: base,
        data: {
          labels: labels, datasets: [{
            label: data.cols[0].label,
            data: data.rows.map(function (r) { return r.values[0]; }),
            backgroundColor: data.rows.map(function (r, i) { return colour(r.color, i); })
          }]
        }
      };
    }
    var stacked = kind === "bar";
    base.indexAxis = "y";
    base.scales = {
      x: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
      y: { stacked: stacked, ticks: { autoSkip: false } }
    };
    return {
      type: "bar", options: base,
      data: {
        labels: labels, datasets: data.cols.map(function (c, k) {
          return {
            label: c.label, backgroundColor: colour(c.color, k),
            data: data.rows.map(function (r) { return r.values[k]; })
          };
        })
      }
    };
  }

  function draw(box) {
    var table = document.getElementById(box.dataset.chartFor);
    if (!table || !window.Chart) { return; }
    var kind = table.dataset.chart, data = read(table, box.parentNode.clientWidth < 500 ? 18 : 34);
    var any = data.rows.some(function (r) { return r.values.some(function (v) { return v > 0; }); });
    if (!any || data.cols.length === 0) { return; }
    var h = kind === "doughnut" ? 230 : Math.min(420, 48 + data.rows.length * (kind === "grouped" ? 34 : 26));
    box.style.height = h + "px";
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", table.querySelector("caption").textContent.trim());
    box.appendChild(canvas);
    box.classList.add("drawn");
    return new window.Chart(canvas, config(kind, data));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var charts = [];
    document.querySelectorAll(".chart-box[data-chart-for]").forEach(function (box) {
      var c = draw(box);
      if (c) { charts.push(c); }
    });
    // Redraw at the paper's width before printing, and back after.
    window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
    window.addEventListener("afterprint", function () { charts.forEach(function (c) { c.resize(); }); });
    var print = document.getElementById("dash-print");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  });
})();
