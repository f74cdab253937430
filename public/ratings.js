// Draws the public comparison chart from the data the page carries; the table above it holds the same
// figures for screen readers and for browsers without JavaScript.
;(() => {
  const data = JSON.parse(document.getElementById('ratings-data')?.textContent || 'null')
  const canvas = document.getElementById('ratings-chart')
  if (!data || !canvas || !window.Chart || data.labels.length === 0) {
    canvas?.closest('figure')?.setAttribute('hidden', '')
    return
  }
  // The weighted index as a point on its own interval (a floating bar): never another index's interval.
  const datasets = [
    {
      type: 'line',
      label: data.valueLabel,
      data: data.values,
      showLine: false,
      pointStyle: 'rectRot',
      pointRadius: 7,
      backgroundColor: '#1d4f91',
      borderColor: '#1d4f91',
    },
    {
      type: 'bar',
      label: data.intervalLabel,
      data: data.intervals,
      backgroundColor: 'rgba(29, 79, 145, 0.25)',
      borderColor: '#1d4f91',
      borderWidth: 1,
    },
  ]
  if (data.mean !== null) {
    datasets.push({
      type: 'line',
      label: data.meanLabel,
      data: data.labels.map(() => data.mean),
      borderColor: '#d4351c',
      borderDash: [6, 4],
      pointRadius: 0,
    })
  }
  new window.Chart(canvas, {
    data: { labels: data.labels, datasets },
    options: {
      indexAxis: 'x',
      scales: { y: { min: 0, max: 100 } },
      plugins: { legend: { position: 'bottom' } },
      maintainAspectRatio: false,
    },
  })
})()
