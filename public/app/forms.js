// Form errors from the API: each issue next to its field (by path) and in a focused summary that links to it.
import { ApiError } from './api.js'
import { errorSummary, h, replace, setFieldError } from './dom.js'
import { t } from './i18n.js'
import { errorText } from './shell.js'

/** "episodes[3].endedOn: must ..." -> "must ..." when the message repeats its path. */
export function bareMessage(issue) {
  const m = issue.message ?? ''
  return issue.path && m.startsWith(`${issue.path}: `) ? m.slice(issue.path.length + 2) : m
}

/**
 * Shows a failed call on a form. controls: {path: element}; an issue goes to the control of its path
 * or of the longest matching prefix. Returns the summary element (already focused).
 */
export function showErrors(summaryHost, err, controls = {}) {
  for (const c of Object.values(controls)) setFieldError(c, null)
  const issues = err instanceof ApiError && err.issues.length ? err.issues : [{ path: '', message: errorText(err) }]
  const byControl = new Map()
  const items = issues.map((issue) => {
    const path = issue.path ?? ''
    const key = Object.keys(controls)
      .filter((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`))
      .sort((a, b) => b.length - a.length)[0]
    const control = key ? controls[key] : null
    const text = control ? bareMessage(issue) : issue.message
    if (control) byControl.set(control, [...(byControl.get(control) ?? []), text])
    return { text: control ? `${control.dataset.label ?? key}: ${text}` : text, target: control }
  })
  for (const [control, texts] of byControl) setFieldError(control, texts.join(' '))
  const box = errorSummary(t('problemTitle'), items)
  replace(summaryHost, box)
  box.focus()
  return box
}

export function clearErrors(summaryHost, controls = {}) {
  for (const c of Object.values(controls)) setFieldError(c, null)
  replace(summaryHost)
}

export const success = (text) => h('p', { class: 'success', role: 'status' }, text)

/** Disables a form's buttons while `fn` runs. */
export async function busy(form, fn) {
  const buttons = [...form.querySelectorAll('button')]
  for (const b of buttons) b.disabled = true
  try {
    return await fn()
  } finally {
    for (const b of buttons) b.disabled = false
  }
}
