// Review of issue 16 (national key): the programme-level R-indicator is computed from every invitation and
// answer of the period ('all' buckets, release group 1), so it moves when a single answer arrives that the
// release rule still withholds from the public. Between two readings of the same month a national key holder
// then learns that one more client of the month answered (and in which respondent-background cell the change
// lies, by how R moves), while every figure the public ratings give stays the same. docs/METHODS.md, "National
// comparison", names this trade-off; this test records it so the owner decides whether R should be computed
// over released answers only (or withheld until the month's groups are whole).
import { describe, expect, it } from 'vitest'
import { ADMIN, call, type Json } from './helpers.ts'
import { addClient, type Client, complete, db, programmeWith, surveyWithVersions } from './seed-scores.ts'

const MONTH = '2026-06'

async function client(pid: string, provider: string, survey: string, language: 'fi' | 'sv'): Promise<Client> {
  const c = await addClient(pid, provider, 'company', `${MONTH}-10`, { id: survey, version: 1 })
  if (language === 'sv')
    await db().prepare(`UPDATE episodes SET language = 'sv' WHERE id = ?1`).bind(c.id.replace(/^inv_/, 'epi_')).run()
  return c
}

describe('review: the national comparison and unreleased answers', () => {
  it('a single answer the release rule withholds from the public changes nothing a national key reads', async () => {
    const survey = await surveyWithVersions([null])
    const { pid, ids } = await programmeWith(3, 3)
    // Every provider: three answers in Finnish, completed first (the released group of 3).
    let minute = 0
    const at = () => `${MONTH}-20T10:${String(++minute).padStart(2, '0')}:00.000Z`
    for (const provider of ids)
      for (let k = 0; k < 3; k++) await complete(await client(pid, provider, survey, 'fi'), at(), 60 + k * 10, false)
    await client(pid, ids[0]!, survey, 'fi') // one Finnish client has not answered
    // Provider 1 also has five Swedish-speaking clients; one answered (its 4th answer: not released).
    const swedish = [] as Client[]
    for (let k = 0; k < 5; k++) swedish.push(await client(pid, ids[1]!, survey, 'sv'))
    await complete(swedish[0]!, at(), 50, false)

    const national = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'national', label: 'Ministry' } }))
      .data.key
    const read = async () => {
      const res = await call('GET', `/api/v1/national/comparison?survey=${survey}&period=${MONTH}`, { key: national })
      expect(res.status).toBe(200)
      const pub = await call(
        'GET',
        `/api/v1/public/programmes/${pid}/ratings?period=${MONTH}&customerType=company&series=${survey}@1`,
      )
      expect(pub.status).toBe(200)
      return { national: res.data.programmes.find((p: Json) => p.id === pid), pub: pub.data }
    }
    const before = await read()
    expect(before.national.programme.rIndicator).not.toBeNull()

    // A second Swedish-speaking client of provider 1 answers: 5 answers, still one released group of 3.
    await complete(swedish[1]!, at(), 50, false)
    const after = await read()

    // The public sees nothing new ...
    const publicFigures = (d: Json) => ({
      programme: d.programme,
      providers: d.providers.map((r: Json) => ({ ...r, linkCustody: undefined })),
    })
    expect(publicFigures(after.pub)).toEqual(publicFigures(before.pub))
    // ... so a national key, whose every figure is meant to be the public's, must not either.
    expect(after.national).toEqual(before.national)
  })
})
