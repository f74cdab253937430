// The built-in templates are rows in D1 (migration 0011) and files in surveys/ (src/surveys/catalog.ts): they must
// agree, version for version, so a respondent reads in D1 exactly the wording the files (and their lint) have.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { publishedVersionsOf } from '../src/db/survey-versions.ts'
import { surveyIds, surveyVersions } from '../src/surveys/catalog.ts'

describe('built-in survey templates', () => {
  it('are in D1 exactly as the files in surveys/ define them, and nothing else is built in', async () => {
    const rows = await env.DB.prepare('SELECT id FROM surveys WHERE builtin = 1 ORDER BY id').all<{ id: string }>()
    expect(rows.results.map((r) => r.id)).toEqual([...surveyIds()].sort())
    for (const id of surveyIds()) {
      const inD1 = await publishedVersionsOf(env.DB, id)
      const files = surveyVersions.filter((v) => v.id === id).sort((a, b) => a.version - b.version)
      expect(
        inD1.map((v) => v.version),
        id,
      ).toEqual(files.map((v) => v.version))
      inD1.forEach((v, k) => {
        expect(v.definition, `${id} v${v.version}`).toEqual(files[k].definition)
        expect(v.builtin).toBe(true)
        // v2 rewrote the scales (docs/METHODS.md): it starts a series of its own, never pooled with v1.
        expect([v.series, v.comparableTo]).toEqual([v.version, null])
      })
    }
  })
})
