// Progressive enhancement for the survey page: autosave, and unsent answers kept on the device and
// resent when the connection returns. The page works without this script.
;(() => {
  const form = document.getElementById('survey')
  if (!form || !window.fetch || !window.localStorage) return
  const token = form.dataset.token
  const storeKey = `laatu:${token}`
  const status = document.getElementById('save-status')
  const server = JSON.parse(form.dataset.answers || '{}')
  const control = new Set(['page', 'lang', 'action'])
  let timer = 0
  let retryDelay = 2000

  const readPending = () => {
    try {
      return JSON.parse(localStorage.getItem(storeKey) || 'null')
    } catch {
      return null
    }
  }

  // Put back answers this device has not yet delivered (e.g. the tab was closed while offline).
  const pending = readPending()
  if (pending?.answers) {
    for (const [name, value] of Object.entries(pending.answers)) {
      const field = form.elements.namedItem(name)
      if (!field) continue
      if (field instanceof RadioNodeList) {
        for (const radio of field) radio.checked = radio.value === String(value)
      } else if ('value' in field) field.value = String(value)
    }
  }

  const collect = () => {
    const answers = Object.assign({}, server, pending?.answers)
    for (const el of form.elements) {
      if (!el.name || control.has(el.name)) continue
      if (el.type === 'radio') {
        if (el.checked) answers[el.name] = el.value
      } else if (el.tagName === 'TEXTAREA' || el.type === 'text') {
        if (el.value.trim()) answers[el.name] = el.value
        else delete answers[el.name]
      }
    }
    return answers
  }

  const say = (text) => {
    if (status.textContent !== text) status.textContent = text
  }

  const send = async () => {
    const body = { answers: collect(), complete: false, language: form.elements.namedItem('lang').value }
    localStorage.setItem(storeKey, JSON.stringify(body))
    try {
      const res = await fetch(`/api/v1/respond/${token}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (res.status >= 500 || res.status === 429) throw new Error(`status ${res.status}`)
      // Delivered, or refused for good (a closed survey): either way nothing is left to resend.
      localStorage.removeItem(storeKey)
      Object.assign(server, body.answers)
      retryDelay = 2000
      if (res.ok) say(status.dataset.saved)
    } catch {
      say(status.dataset.offline)
      schedule(retryDelay)
      retryDelay = Math.min(retryDelay * 2, 60000)
    }
  }

  function schedule(ms) {
    clearTimeout(timer)
    timer = setTimeout(send, ms)
  }

  form.addEventListener('change', () => schedule(300))
  form.addEventListener('input', () => schedule(1500))
  window.addEventListener('online', () => {
    if (readPending()) schedule(0)
  })
  form.addEventListener('submit', (event) => {
    if (navigator.onLine === false) {
      // Keep the respondent on the page; the answers are stored and go out when the network returns.
      event.preventDefault()
      localStorage.setItem(
        storeKey,
        JSON.stringify({ answers: collect(), complete: false, language: form.elements.namedItem('lang').value }),
      )
      say(status.dataset.offline)
    } else {
      clearTimeout(timer)
      localStorage.removeItem(storeKey)
    }
  })
  if (pending) schedule(0)

  // Send the respondent's focus to the error summary after a failed step, or to the first question an
  // answer has just revealed (the notice at the top says it appeared; the page was sent back for it).
  const summary = document.querySelector('.error-summary')
  const revealed = form.querySelector('[data-revealed]')
  if (summary) summary.focus()
  else if (revealed) {
    const field = revealed.querySelector('input, textarea') ?? revealed
    field.focus()
    revealed.scrollIntoView({ block: 'start' })
  }
})()
