// What both dashboards share: the header (language switch, sign-out), the sign-in form, the view
// navigation by location hash (ids only, never a key) and the status line.
import { ApiError, session, setUnauthorizedHandler } from './api.js'
import { destroyCharts } from './charts.js'
import { errorSummary, field, h, replace, setFieldError } from './dom.js'
import { currentLanguage, LANGUAGES, loadLanguage, loadTexts, setLanguage, t } from './i18n.js'

/** The wrong kind of key for this page: the message says which page to use instead. */
export class WrongKey extends Error {}

/**
 * app: {
 *   role: 'provider' | 'procurer',
 *   title(ctx): page heading,
 *   identify(key, {verified}): Promise<ctx> (throws WrongKey or ApiError; verified: the role was checked at sign-in),
 *   texts?: parts of the dictionary only this role's views use, loaded with the key (i18n loadTexts),
 *   route(ctx, hashPath): { view: async (ctx, el, params) => void, nav?: [{href, label, id?, badge?: Node}], current?: href, params }
 * }
 */
export async function startApp(app) {
  // A page of its own (the national view) names its brand and sign-in lead; the dashboards default by role.
  const brand = app.brand ?? (app.role === 'provider' ? 'brandProvider' : 'brandProcurer')
  const signInLead = app.signInLead ?? (app.role === 'provider' ? 'signInLeadProvider' : 'signInLeadProcurer')
  await loadLanguage()
  // A role's own texts (lang/<part>-<code>.js) load with the key, so that no sign-in page carries them.
  const identify = async (key, options) => {
    await Promise.all((app.texts ?? []).map(loadTexts))
    return app.identify(key, options)
  }
  const top = document.getElementById('top')
  const main = document.getElementById('main')
  let ctx = null
  let renderToken = 0

  // One live region for the whole session, never re-created, so that screen readers announce what it says.
  const pageHead = h('div', { id: 'page-head' })
  const statusEl = h('p', { id: 'status', role: 'status', 'aria-live': 'polite' })
  const pageBody = h('div', { id: 'page-body' })
  main.replaceChildren(pageHead, statusEl, pageBody)
  const announce = (message) => {
    statusEl.textContent = message
  }

  function header() {
    const signedIn = Boolean(ctx)
    replace(
      top,
      h(
        'div',
        { class: 'top-inner' },
        h('a', { class: 'skip', href: '#main' }, t('skipToContent')),
        h('span', { class: 'brand' }, t(brand)),
        h(
          'nav',
          { 'aria-label': t('languageNav') },
          h(
            'ul',
            { class: 'langs' },
            LANGUAGES.map((l) =>
              h(
                'li',
                null,
                h(
                  'button',
                  {
                    type: 'button',
                    lang: l.code,
                    'aria-pressed': String(l.code === currentLanguage()),
                    onclick: () => changeLanguage(l.code),
                  },
                  l.name,
                ),
              ),
            ),
          ),
        ),
        signedIn
          ? h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: signOut }, t('signOut'))
          : null,
      ),
    )
  }

  async function changeLanguage(code) {
    await setLanguage(code)
    header()
    await render(false)
    announce(t('languageChanged'))
    top.querySelector(`button[lang="${code}"]`)?.focus()
  }

  function signOut() {
    session.clear()
    ctx = null
    destroyCharts()
    header()
    signInView(t('signedOut'))
    document.getElementById('access-key')?.focus()
  }

  setUnauthorizedHandler(() => {
    if (!ctx) return
    session.clear()
    ctx = null
    destroyCharts()
    header()
    signInView(null, t('keyRefused'))
  })

  function signInView(message = null, error = null) {
    document.title = `${t('signInTitle')} – ${t(brand)}`
    const input = h('input', {
      type: 'password',
      id: 'access-key',
      name: 'key',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
    })
    const summary = h('div')
    const form = h(
      'form',
      { class: 'stack', method: 'post', novalidate: true },
      summary,
      field({ label: t('accessKey'), hint: t('accessKeyHint'), control: input }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('signIn'))),
    )
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      const key = input.value.trim()
      setFieldError(input, null)
      replace(summary)
      if (!key) return fail(t('keyMissing'))
      announce(t('checkingKey'))
      try {
        const found = await identify(key)
        session.set(key, app.role)
        input.value = ''
        ctx = found
        header()
        announce(t('signedIn'))
        await render(true)
      } catch (err) {
        announce('')
        fail(
          err instanceof WrongKey
            ? err.message
            : err instanceof ApiError && err.status === 401
              ? t('keyRefused')
              : errorText(err),
        )
      }
    })
    function fail(message) {
      setFieldError(input, message)
      const box = errorSummary(t('problemTitle'), [{ text: message, target: input }])
      replace(summary, box)
      box.focus()
    }
    replace(pageHead, h('h1', null, t('signInTitle')))
    announce(message ?? '')
    replace(
      pageBody,
      error ? h('div', { class: 'error-summary', role: 'alert' }, h('p', { class: 'summary-title' }, error)) : null,
      h('p', { class: 'lead' }, t(signInLead)),
      form,
      h('p', { class: 'muted' }, t('keyKeptInTab')),
    )
  }

  async function render(moveFocus) {
    if (!ctx) return signInView()
    const token = ++renderToken
    destroyCharts()
    const path = location.hash.replace(/^#/, '') || '/'
    const route = app.route(ctx, path)
    document.title = `${route.title ?? ''}${route.title ? ' – ' : ''}${t(brand)}`
    const viewEl = h('div', { id: 'view' })
    replace(
      pageHead,
      h('h1', null, route.heading ?? app.title(ctx)),
      route.nav
        ? h(
            'nav',
            { class: 'views', 'aria-label': t('viewsNav') },
            h(
              'ul',
              null,
              route.nav.map((n) =>
                h(
                  'li',
                  null,
                  h(
                    'a',
                    { href: n.href, id: n.id ?? null, 'aria-current': n.href === route.current ? 'page' : null },
                    n.label,
                    n.badge ?? null,
                  ),
                ),
              ),
            ),
          )
        : null,
    )
    replace(pageBody, viewEl)
    announce(t('loading'))
    try {
      await route.view(ctx, viewEl, { ...route.params, isCurrent: () => token === renderToken, announce })
      if (token !== renderToken) return
      if (statusEl.textContent === t('loading')) announce('')
      viewEl.dataset.ready = 'true'
      if (moveFocus) {
        const heading = viewEl.querySelector('h2')
        if (heading) {
          heading.setAttribute('tabindex', '-1')
          heading.focus()
        }
      }
    } catch (err) {
      if (token !== renderToken) return
      announce('')
      replace(
        viewEl,
        h(
          'div',
          { class: 'error-summary', role: 'alert' },
          h('p', { class: 'summary-title' }, t('loadFailed')),
          h('p', null, errorText(err)),
        ),
      )
      viewEl.dataset.ready = 'true'
    }
  }

  window.addEventListener('hashchange', () => render(true))

  header()
  const key = session.key
  if (key && session.role === app.role) {
    announce(t('loading'))
    try {
      // The key was checked for this role at sign-in; now it only has to still work.
      ctx = await identify(key, { verified: true })
      header()
      await render(false)
    } catch (err) {
      session.clear()
      ctx = null
      header()
      signInView(null, err instanceof WrongKey ? err.message : t('keyRefused'))
    }
  } else {
    if (key) session.clear()
    signInView()
  }
}

/** A readable message for a failed call. */
export function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('networkError')
    if (err.status === 403) return t('forbidden')
    if (err.status === 404) return t('notFound')
    return err.message
  }
  return err instanceof Error ? err.message : String(err)
}

/** Issues of a failed call as summary items: [{text, path}] */
export function issueTexts(err) {
  if (err instanceof ApiError && err.issues.length > 0)
    return err.issues.map((i) => ({ text: i.message || `${i.path}`, path: i.path }))
  return [{ text: errorText(err), path: null }]
}
