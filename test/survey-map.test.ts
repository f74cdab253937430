import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultSurveyId, parseSurveyRef, surveyMapEntries, surveyRefFor } from '../src/domain/survey-map.ts'
import { surveyMapSchema } from '../src/schemas/programmes.ts'

const ref = fc
  .tuple(fc.stringMatching(/^[a-z0-9-]{2,12}$/), fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }))
  .map(([id, v]) => (v === null ? id : `${id}@${v}`))
// Including names an object inherits, which must never be mistaken for a mapped service type.
const serviceType = fc.constantFrom('entrepreneurship', 'coaching', 'Valmennus', 'constructor', 'toString')
const choice = fc.oneof(
  ref,
  fc.record({ default: ref, byServiceType: fc.dictionary(serviceType, ref) }, { requiredKeys: ['default'] }),
)
const map = fc.record({ company: choice, jobseeker: choice })
const customerType = fc.constantFrom('company' as const, 'jobseeker' as const)

describe('survey map', () => {
  it('reads "id" as the latest version and "id@N" as version N', () => {
    expect(parseSurveyRef('cx-company')).toEqual({ surveyId: 'cx-company', version: null })
    expect(parseSurveyRef('yb-entrepreneur@12')).toEqual({ surveyId: 'yb-entrepreneur', version: 12 })
  })

  it('gives an episode its service type’s survey if the map names one, else the default; always one the map lists', () => {
    fc.assert(
      fc.property(map, customerType, fc.option(serviceType, { nil: null }), (m, type, service) => {
        expect(surveyMapSchema.safeParse(m).success).toBe(true)
        const chosen = surveyRefFor(m, type, service)
        const c = m[type]
        const mapped = typeof c === 'string' ? [] : Object.entries(c.byServiceType ?? {})
        const own = mapped.find(([name]) => name === service)
        expect(chosen).toBe(typeof c === 'string' ? c : own ? own[1] : c.default)
        // every survey an invitation can get is one the map's check covered, for that customer type
        const listed = surveyMapEntries(m).filter((e) => e.customerType === type)
        expect(listed.map((e) => e.ref)).toContain(chosen)
        expect(listed.map((e) => parseSurveyRef(e.ref).surveyId)).toContain(defaultSurveyId(m, type))
      }),
    )
  })

  it('names each entry by its request path', () => {
    const m = {
      company: 'cx-company@2',
      jobseeker: { default: 'cx-jobseeker', byServiceType: { entrepreneurship: 'yb-entrepreneur@1' } },
    }
    expect(surveyMapEntries(m).map((e) => e.path)).toEqual([
      'surveys.company',
      'surveys.jobseeker.default',
      'surveys.jobseeker.byServiceType.entrepreneurship',
    ])
    expect([defaultSurveyId(m, 'company'), defaultSurveyId(m, 'jobseeker')]).toEqual(['cx-company', 'cx-jobseeker'])
  })
})
