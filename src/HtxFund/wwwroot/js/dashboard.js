// The dashboard's charts (/bang-dieu-khien): Chart.js (wwwroot/lib, installed from npm at build time) draws the figures the
// server put in <script type="application/json" id="dashboard-data"> (no inline script: the CSP allows scripts from the site only).
(function () {
  'use strict';
  function draw() {
    var source = document.getElementById('dashboard-data');
    if (!source || typeof window.Chart === 'undefined') return;
    var data = JSON.parse(source.textContent);
    var narrow = window.matchMedia('(max-width: 40rem)').matches;
    // readable at 390 px: 12 px text at least, labels shortened rather than shrunk
    window.Chart.defaults.font.size = narrow ? 12 : 13;
    window.Chart.defaults.color = '#1f2933';
    var colours = ['#1f5fa8', '#c0392b', '#e67e22', '#7f8c8d'];
    var number = new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 });
    function shorten(label) { return narrow && label.length > 14 ? label.slice(0, 13) + '…' : label; }
    function options(title, unit) {
      return {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {
          title: { display: true, text: title, font: { size: narrow ? 13 : 14, weight: 'bold' } },
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: function (c) { return (c.dataset.label ? c.dataset.label + ': ' : '') + number.format(c.parsed.y) + (unit ? ' ' + unit : ''); } } },
        },
        scales: {
          x: { ticks: { autoSkip: false, maxRotation: narrow ? 45 : 0, callback: function (v) { return shorten(this.getLabelForValue(v)); } } },
          y: { beginAtZero: true, ticks: { callback: function (v) { return number.format(v); } } },
        },
      };
    }
    function bars(id, chart, unit) {
      var canvas = document.getElementById(id);
      if (!canvas) return;
      var series = chart.series || [{ label: '', values: chart.values }];
      var opts = options(chart.title, unit);
      if (!chart.series) opts.plugins.legend.display = false;
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: chart.labels,
          datasets: series.map(function (s, i) { return { label: s.label, data: s.values, backgroundColor: chart.series ? colours[i % colours.length] : colours }; }),
        },
        options: opts,
      });
    }
    bars('chart-par', data.par, '%');
    bars('chart-officers', data.officers, '');
    bars('chart-districts', data.districts, '');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
