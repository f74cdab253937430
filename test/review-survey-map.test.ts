// Review of the survey map: a change of the map (or of the case-mix setting) must not leave the programme's
// current fee rule naming what the programme no longer has. A rule that pays on named scored items would
// otherwise see every later response as a non-response (its items are never asked), and a rule paying by the
// adjusted index would have no index to pay by.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ADMIN, call, type Issue, setupProgramme, unique } from './helpers.ts'

const tr = (t: string) => ({ fi: t, sv: t, en: t })

/** An authored company survey of the programme: version k + 1 scores the items versions[k] names. */
async function publishSurvey(owner: string, versions: string[][]): Promise<string> {
  const id = unique('plan').toLowerCase()
  const at = new Date().toISOString()
  const definition = (items: string[]) => ({
    locale: 'fi',
    title: tr('Plan'),
    pages: [
      {
        name: 'only',
        elements: items.map((name) => ({
          type: 'radiogroup',
          name,
          title: tr(`${name} now?`),
          isRequired: true,
          scored: true,
          choices: ['Not started', 'Draft made', 'Finished', 'In use'].map((t, k) => ({ value: k + 1, text: tr(t) })),
          showDontKnowItem: true,
          dontKnowText: tr('Cannot say'),
          separateSpecialChoices: true,
        })),
      },
    ],
  })
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO surveys (id, title, customer_type, builtin, owner_programme_id, created_at) VALUES (?1, ?1, 'company', 0, ?2, ?3)`,
    ).bind(id, owner, at),
    ...versions.map((items, k) =>
      env.DB.prepare(
        `INSERT INTO survey_versions (survey_id, version, definition, comparable_to, series, published_at)
         VALUES (?1, ?2, ?3, NULL, ?2, ?4)`,
      ).bind(id, k + 1, JSON.stringify(definition(items)), at),
    ),
  ])
  return id
}

const ITEM_RULE = {
  currency: 'EUR',
  components: [
    {
      type: 'quality',
      basis: 'client',
      perClientMax: 100,
      scoring: { mode: 'allTop', items: ['need_clarity', 'recruitment_plan'] },
    },
  ],
}

describe('a settings change keeps the current fee rule valid', () => {
  it('refuses a survey map whose surveys do not score the items the fee rule pays on, and keeps the map', async () => {
    const s = await setupProgramme()
    const pid = s.programme.id
    const put = await call('PUT', `/api/v1/programmes/${pid}/fee-rule`, { key: s.procurerKey, json: ITEM_RULE })
    expect(put.status, JSON.stringify(put.data)).toBe(201)
    const own = await publishSurvey(pid, [['plan']])

    const patch = await call('PATCH', `/api/v1/programmes/${pid}`, {
      key: s.procurerKey,
      json: { surveys: { company: own, jobseeker: 'cx-jobseeker' } },
    })
    expect(patch.status, JSON.stringify(patch.data)).toBe(422)
    const issues = patch.data.error.issues as Issue[]
    expect(issues.map((i) => i.path)).toEqual(['surveys', 'surveys'])
    expect(issues[0].message).toContain('need_clarity')
    expect(issues[1].message).toContain('recruitment_plan')
    const programme = await call('GET', `/api/v1/programmes/${pid}`, { key: s.procurerKey })
    expect(programme.data.surveys).toEqual({ company: 'cx-company', jobseeker: 'cx-jobseeker' })

    // A map whose surveys still score both items is taken (built-ins keep them in every version).
    const kept = await call('PATCH', `/api/v1/programmes/${pid}`, {
      key: s.procurerKey,
      json: {
        surveys: {
          company: { default: 'cx-company@2', byServiceType: { x: 'cx-company@1' } },
          jobseeker: 'cx-jobseeker',
        },
      },
    })
    expect(kept.status, JSON.stringify(kept.data)).toBe(200)
  })

  it('counts the items of the versions the map issues, not of every version the surveys ever had', async () => {
    const s = await setupProgramme()
    const pid = s.programme.id
    const put = await call('PUT', `/api/v1/programmes/${pid}/fee-rule`, { key: s.procurerKey, json: ITEM_RULE })
    expect(put.status, JSON.stringify(put.data)).toBe(201)
    // version 1 still asks both items the rule pays on; version 2 (and so the latest) asks neither
    const own = await publishSurvey(pid, [['need_clarity', 'recruitment_plan'], ['plan']])
    for (const ref of [`${own}@2`, own]) {
      const patch = await call('PATCH', `/api/v1/programmes/${pid}`, {
        key: s.procurerKey,
        json: { surveys: { company: ref, jobseeker: 'cx-jobseeker' } },
      })
      expect(patch.status, ref).toBe(422)
    }
    const pinned = await call('PATCH', `/api/v1/programmes/${pid}`, {
      key: s.procurerKey,
      json: { surveys: { company: `${own}@1`, jobseeker: 'cx-jobseeker' } },
    })
    expect(pinned.status, JSON.stringify(pinned.data)).toBe(200)
  })

  it('refuses turning the case-mix adjustment off while the fee rule pays by the adjusted index', async () => {
    const s = await setupProgramme()
    const pid = s.programme.id
    const on = await call('PATCH', `/api/v1/programmes/${pid}`, { key: ADMIN, json: { caseMix: true } })
    expect(on.status).toBe(200)
    const rule = {
      currency: 'EUR',
      components: [
        {
          type: 'quality',
          basis: 'provider',
          index: 'adjusted',
          minResponses: 1,
          perClientMax: 100,
          scoring: { mode: 'linear' },
        },
      ],
    }
    const put = await call('PUT', `/api/v1/programmes/${pid}/fee-rule`, { key: s.procurerKey, json: rule })
    expect(put.status, JSON.stringify(put.data)).toBe(201)
    const off = await call('PATCH', `/api/v1/programmes/${pid}`, { key: s.procurerKey, json: { caseMix: false } })
    expect(off.status, JSON.stringify(off.data)).toBe(422)
    expect(off.data.error.issues[0].path).toBe('caseMix')
    expect((await call('GET', `/api/v1/programmes/${pid}`, { key: s.procurerKey })).data.caseMix).toBe(true)
  })
})
