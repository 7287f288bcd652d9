// The dashboard's charts, drawn by Chart.js from the JSON in each canvas's data-chart attribute
// (the same figures as the table under each chart). Colours keep 3:1 contrast on white.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') {
    return;
  }
  var palette = ['#0b6bcb', '#2f7d32', '#8e24aa', '#b54708', '#00707a', '#5b21b6', '#9b1c1c',
    '#52606d', '#1f2933'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
    var line = spec.kind === 'line';
    new Chart(canvas, {
      type: spec.kind,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          var colour = palette[i % palette.length];
          return {
            label: s.label,
            data: s.data,
            backgroundColor: colour,
            borderColor: colour,
            borderWidth: line ? 2 : 0,
            pointRadius: line ? 2 : 0,
            spanGaps: true
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: spec.series.length > 1, position: 'bottom' },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ': ' + ctx.formattedValue + (spec.unit ? ' ' + spec.unit : '');
              }
            }
          }
        },
        scales: {
          x: { stacked: spec.stacked, ticks: { maxRotation: 0, autoSkip: true } },
          y: { stacked: spec.stacked, beginAtZero: true,
               title: { display: !!spec.unit, text: spec.unit } }
        }
      }
    });
  });
})();
