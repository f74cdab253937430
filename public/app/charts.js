// chart.js (same origin, UMD global `Chart`) is loaded only when a view draws a chart. Every chart is an
// image with a label for screen readers; the figures themselves are in the table next to it.
import { h, uid } from './dom.js'

let loading = null
export function loadChartJs() {
  if (window.Chart) return Promise.resolve(window.Chart)
  loading ??= new Promise((resolve, reject) => {
    const s = document.createElement('script')
    s.src = '/vendor/chart.umd.min.js'
    s.onload = () => resolve(window.Chart)
    s.onerror = () => {
      loading = null
      reject(new Error('chart.js did not load'))
    }
    document.head.append(s)
  })
  return loading
}

export const COLORS = {
  own: '#1d4f91',
  band: 'rgba(29, 79, 145, 0.18)',
  programme: '#b32d18',
  other: '#00703c',
  grey: '#505a5f',
  amber: '#8a4100',
}
const PALETTE = ['#1d4f91', '#b32d18', '#00703c', '#6f3c8f', '#8a4100', '#505a5f']
export const paletteColor = (i) => PALETTE[i % PALETTE.length]

const live = new Set()
/** Destroys the charts of the previous view (their canvases are gone). */
export function destroyCharts() {
  for (const c of live) c.destroy()
  live.clear()
}

/**
 * A <figure> holding a canvas (role img, labelled) and a caption; the chart is drawn once chart.js is
 * there. If it cannot load, the figure goes away and the table still carries the data.
 */
export function chartFigure(label, config, caption = null, { height = null } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label, id: uid('chart') })
  const box = h('div', { class: 'chart-box' }, canvas)
  // Set through the CSSOM (allowed by the CSP, unlike a style attribute).
  if (height) box.style.height = `${height}px`
  const figure = h('figure', { class: 'chart' }, box, h('figcaption', null, caption ?? label))
  loadChartJs().then(
    (Chart) => {
      if (!canvas.isConnected) return
      const chart = new Chart(canvas, {
        ...config,
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          ...config.options,
          plugins: { legend: { position: 'bottom' }, ...(config.options?.plugins ?? {}) },
        },
      })
      live.add(chart)
    },
    () => figure.setAttribute('hidden', ''),
  )
  return figure
}
