// A programme's chain-of-custody settings as two groups of radio buttons, each choice explained in plain
// words: who holds the survey links (linkCustody) and what becomes of clients a provider registers
// (providerEpisodes). Used by the create-programme form and the set-up view.
import { h, uid } from './dom.js'
import { t } from './i18n.js'

export const CUSTODY = {
  linkCustody: ['laatu', 'provider'],
  providerEpisodes: ['confirm', 'trusted', 'off'],
}
export const CUSTODY_DEFAULTS = { linkCustody: 'laatu', providerEpisodes: 'confirm' }

/** A fieldset of radios with a hint under each choice; value() is the checked choice. */
function choiceGroup(setting, current, onChange) {
  const name = uid(setting)
  const radios = CUSTODY[setting].map((value) =>
    h('input', {
      type: 'radio',
      name,
      value,
      id: `${name}-${value}`,
      checked: value === current,
      'aria-describedby': `${name}-${value}-hint`,
      onchange: onChange,
    }),
  )
  // API errors about the setting are shown by the group, through its first radio (see forms.showErrors).
  const errorId = `${name}-error`
  radios[0].dataset.errorId = errorId
  radios[0].dataset.label = t(`custody_${setting}`)
  const el = h(
    'fieldset',
    { class: 'choices', 'data-setting': setting, 'aria-describedby': `${name}-lead` },
    h('legend', null, t(`custody_${setting}`)),
    h('p', { class: 'hint choices-lead', id: `${name}-lead` }, t(`custodyLead_${setting}`)),
    h('p', { class: 'field-error', id: errorId, hidden: true }),
    radios.map((radio) =>
      h(
        'div',
        { class: 'choice' },
        radio,
        h(
          'div',
          { class: 'choice-text' },
          h('label', { for: radio.id }, t(`${setting}_${radio.value}`)),
          h('p', { class: 'hint', id: `${radio.id}-hint` }, t(`${setting}Hint_${radio.value}`)),
        ),
      ),
    ),
  )
  return { el, radios, value: () => radios.find((r) => r.checked)?.value ?? current }
}

/**
 * Both groups. current: the programme's settings (or the defaults for a new one); onChange(values) when
 * a choice changes. Returns {el, values(), first} (first: the first radio, for focus and errors).
 */
export function custodyFields(current = CUSTODY_DEFAULTS, onChange = () => {}) {
  const groups = {}
  const changed = () => onChange(values())
  for (const setting of Object.keys(CUSTODY)) groups[setting] = choiceGroup(setting, current[setting], changed)
  const values = () => ({
    linkCustody: groups.linkCustody.value(),
    providerEpisodes: groups.providerEpisodes.value(),
  })
  return {
    el: [groups.linkCustody.el, groups.providerEpisodes.el],
    values,
    controls: { linkCustody: groups.linkCustody.radios[0], providerEpisodes: groups.providerEpisodes.radios[0] },
  }
}

/** What changing from `before` to `after` does, one sentence per changed setting. */
export function consequences(before, after, pendingCount = 0) {
  const out = []
  if (after.linkCustody !== before.linkCustody) out.push(t(`custodyChange_linkCustody_${after.linkCustody}`))
  if (after.providerEpisodes !== before.providerEpisodes)
    out.push(t(`custodyChange_providerEpisodes_${after.providerEpisodes}`, pendingCount))
  return out
}
