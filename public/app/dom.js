// Building the page from data without innerHTML: every text goes in as text, never as markup.

let counter = 0
/** A document-unique id with a readable prefix. */
export const uid = (prefix) => `${prefix}-${++counter}`

/** h('p', {class: 'x', onclick: fn}, 'text', child) -> element. null/false attributes and children are left out. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag)
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue
      if (k === 'class') el.className = v
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v)
      else if (k === 'value' && (tag === 'textarea' || tag === 'select')) el.value = v
      else el.setAttribute(k, v === true ? '' : String(v))
    }
  }
  append(el, children)
  if (tag === 'select' && attrs && attrs.value !== undefined) el.value = attrs.value
  return el
}

export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue
    el.append(c instanceof Node ? c : String(c))
  }
  return el
}

export function replace(el, ...children) {
  el.replaceChildren()
  return append(el, children)
}

/**
 * An accessible data table: a caption, column headers with scope, the first cell of each row as a row
 * header, in a scrollable region that a keyboard can reach. columns: [{label, num}]; rows: arrays of cells.
 */
export function dataTable({
  caption,
  columns,
  rows,
  foot = null,
  rowHeader = true,
  id = null,
  className = '',
  cards = false,
}) {
  const captionId = uid('caption')
  const cell = (value, i, header) => {
    const num = columns[i]?.num
    const attrs = { class: num ? 'num' : null, 'data-label': cards ? columns[i]?.label : null }
    return header ? h('th', { ...attrs, scope: 'row' }, value) : h('td', attrs, value)
  }
  const table = h(
    'table',
    { id, class: [className, cards ? 'card-rows' : ''].filter(Boolean).join(' ') || null },
    h('caption', { id: captionId }, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          r.attrs ?? null,
          (r.cells ?? r).map((v, i) => cell(v, i, rowHeader && i === 0)),
        ),
      ),
    ),
    foot
      ? h(
          'tfoot',
          null,
          h(
            'tr',
            null,
            foot.map((v, i) => cell(v, i, rowHeader && i === 0)),
          ),
        )
      : null,
  )
  return h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': captionId, tabindex: '0' }, table)
}

/** A form field: label, optional hint, the control; the control is described by the hint and its error. */
export function field({ label, control, hint = null, className = 'field' }) {
  if (!control.id) control.id = uid('f')
  const id = control.id
  const hintId = hint ? `${id}-hint` : null
  const errorId = `${id}-error`
  if (hintId) control.setAttribute('aria-describedby', hintId)
  control.dataset.errorId = errorId
  return h(
    'div',
    { class: className },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
    control,
  )
}

/** Shows (or with null clears) the error message of a control made by field(). */
export function setFieldError(control, message) {
  const error = document.getElementById(control.dataset.errorId)
  const described = (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter((x) => x && x !== control.dataset.errorId)
  if (message) {
    error.textContent = message
    error.hidden = false
    control.setAttribute('aria-invalid', 'true')
    described.push(control.dataset.errorId)
  } else if (error) {
    error.textContent = ''
    error.hidden = true
    control.removeAttribute('aria-invalid')
  }
  if (described.length) control.setAttribute('aria-describedby', described.join(' '))
  else control.removeAttribute('aria-describedby')
}

/**
 * An error summary that takes focus: a title and a list of messages, each linking to its field when it
 * has one. items: [{text, target?: element}]
 */
export function errorSummary(title, items) {
  const box = h(
    'div',
    { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('p', { class: 'summary-title' }, title),
    h(
      'ul',
      null,
      items.map((it) =>
        h(
          'li',
          null,
          it.target
            ? h(
                'a',
                {
                  href: `#${it.target.id}`,
                  onclick: (e) => {
                    e.preventDefault()
                    focusAt(it.target, it.select)
                  },
                },
                it.text,
              )
            : it.text,
        ),
      ),
    ),
  )
  return box
}

/** Focuses a control and, for a text field, selects [start, end] (e.g. the value an error is about). */
export function focusAt(control, select = null) {
  control.focus()
  if (select && typeof control.setSelectionRange === 'function') {
    control.setSelectionRange(select[0], select[1])
    // Bring the selection into view: a textarea scrolls to the caret only while typing.
    const before = control.value.slice(0, select[0]).split('\n').length - 1
    const lineHeight = parseFloat(getComputedStyle(control).lineHeight) || 20
    control.scrollTop = Math.max(0, before * lineHeight - control.clientHeight / 3)
  }
}

/** Plain-text download of data made in the browser (no request, no key). */
export function saveText(text, filename, type = 'text/csv;charset=utf-8') {
  saveBlob(new Blob([text], { type }), filename)
}

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob)
  const a = h('a', { href: url, download: filename, hidden: true })
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** CSV with quotes where needed. */
export function toCsv(header, rows) {
  const q = (v) => {
    const s = v === null || v === undefined ? '' : String(v)
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return `${[header, ...rows].map((r) => r.map(q).join(',')).join('\r\n')}\r\n`
}
