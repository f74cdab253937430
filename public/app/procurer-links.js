// Personal survey links in the procurer's hands: the links of clients without contact data (shown once
// after confirming, and as invitation-links.csv while they are open) and a re-issued link. Each is one
// client's credential: the page says so wherever a link is shown.
import { api, download, qs } from './api.js'
import { errorSummary, field, h, replace, uid } from './dom.js'
import { busy } from './forms.js'
import { t } from './i18n.js'
import { errorText } from './shell.js'

const enc = encodeURIComponent

/** The warning that goes with every personal link on screen. */
export const personalWarning = () => h('p', { class: 'personal-warning' }, h('strong', null, t('personalLinksWarning')))

/** A link as selectable text with a copy button (never as an anchor: opening it would count as the client's visit). */
export function linkText(url, label, announce) {
  const input = h('input', {
    type: 'text',
    readonly: true,
    value: url,
    spellcheck: 'false',
    class: 'link-text',
    id: uid('link'),
    'aria-label': label,
  })
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        input.select()
        try {
          await navigator.clipboard.writeText(url)
          announce(t('linkCopied'))
        } catch {
          announce(t('linkCopyManually'))
        }
      },
    },
    t('copy'),
    h('span', { class: 'visually-hidden' }, ` ${label}`),
  )
  return { input, el: h('div', { class: 'secret' }, input, copy) }
}

/** Saves invitation-links.csv (all providers, or one), fetched with the key in the header. */
export async function downloadInvitationLinks(pid, providerId = null) {
  return download(`/programmes/${enc(pid)}/invitation-links.csv${qs({ providerId })}`, `invitation-links-${pid}.csv`)
}

/** A small form: which provider's links (or all), and the download button; errors in a focused summary. */
export function invitationLinksForm(pid, providers, announce) {
  const provider = h(
    'select',
    { name: 'providerId', id: uid('links-provider') },
    h('option', { value: '' }, t('allProviders')),
    providers.map((p) => h('option', { value: p.id }, p.name)),
  )
  const summary = h('div')
  const form = h(
    'form',
    { class: 'stack invitation-links-form', method: 'post', novalidate: true },
    summary,
    field({ label: t('provider'), control: provider }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('downloadInvitationLinks'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      replace(summary)
      try {
        const name = await downloadInvitationLinks(pid, provider.value || null)
        announce(t('downloaded', name))
      } catch (err) {
        const box = errorSummary(t('problemTitle'), [{ text: linksErrorText(err) }])
        replace(summary, box)
        box.focus()
      }
    })
  })
  return h(
    'section',
    { class: 'invitation-links-section' },
    h('h3', null, t('invitationLinksTitle')),
    h('p', null, t('invitationLinksLead')),
    personalWarning(),
    form,
  )
}

/** The API says why links cannot be built (no PUBLIC_BASE_URL) in English: say it in the page's language. */
export const linksErrorText = (err) => (err?.code === 'not_configured' ? t('linksNotConfigured') : errorText(err))

/**
 * Re-issues one episode's link (the old one stops working) and shows the new one, once, in `host`.
 * episode: {id, externalRef, hasContact}. Returns true when a new link was issued.
 */
export async function reissue(episode, host, announce) {
  if (!window.confirm(t('confirmReissue', episode.externalRef))) return false
  try {
    const answer = await api.post(`/episodes/${enc(episode.id)}/invitation`, {})
    const heading = h('h3', { tabindex: '-1', id: 'reissued-heading' }, t('reissuedTitle', episode.externalRef))
    const link = answer.url ? linkText(answer.url, t('newLinkOf', episode.externalRef), announce) : null
    replace(
      host,
      h(
        'div',
        { class: 'notice reissued' },
        heading,
        h('p', null, t('reissuedLead')),
        episode.hasContact ? h('p', null, t('reissuedSent')) : null,
        personalWarning(),
        link ? link.el : h('p', null, t('linkWithoutOrigin'), ' ', h('code', null, answer.token)),
      ),
    )
    heading.focus()
    announce(t('reissued', episode.externalRef))
    return true
  } catch (err) {
    const box = errorSummary(t('problemTitle'), [{ text: errorText(err) }])
    replace(host, box)
    box.focus()
    return false
  }
}
