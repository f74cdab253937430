import { Validator } from '@seriousme/openapi-schema-validator'
import schema31 from '@seriousme/openapi-schema-validator/schemas/v3.1/schema.json'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiRoutes } from '../src/routes/api.ts'
import { ratingsPageRoutes } from '../src/routes/ratings.tsx'
import { surveyPageRoutes } from '../src/routes/s.tsx'
import { feeRuleJsonSchema } from '../src/schemas/fee-rule.ts'
import { documentedShapes } from './documented-shapes.ts'
import { call, episode, type Json, setupProgramme } from './helpers.ts'

// The validator reads its OpenAPI schema with node:fs, which workerd does not have for node_modules;
// the same schema file, bundled as a JSON import, is compiled here with the same ajv settings.
class WorkerdValidator extends Validator {
  getAjvValidator() {
    const ajv = new Ajv2020({ strict: false })
    addFormats(ajv)
    ajv.addFormat('media-range', true)
    return ajv.compile(schema31)
  }
}

// Every route of the Worker, by hand, so a route dropped from the document is noticed here.
const ROUTES = [
  'GET /api/v1/me',
  'GET /api/v1/programmes/{pid}/comments',
  'GET /api/v1/programmes/{pid}/aggregates',
  'GET /api/v1/programmes/{pid}/aggregates/check',
  'POST /api/v1/keys',
  'GET /api/v1/keys',
  'DELETE /api/v1/keys/{kid}',
  'GET /api/v1/audit',
  'POST /api/v1/programmes',
  'GET /api/v1/programmes',
  'GET /api/v1/programmes/{pid}',
  'PATCH /api/v1/programmes/{pid}',
  'PUT /api/v1/programmes/{pid}/fee-rule',
  'GET /api/v1/programmes/{pid}/fee-rules',
  'POST /api/v1/programmes/{pid}/providers',
  'GET /api/v1/programmes/{pid}/providers',
  'POST /api/v1/programmes/{pid}/episodes',
  'GET /api/v1/programmes/{pid}/episodes',
  'POST /api/v1/programmes/{pid}/episodes/confirm',
  'POST /api/v1/programmes/{pid}/episodes/reject',
  'GET /api/v1/programmes/{pid}/invitation-links.csv',
  'GET /api/v1/programmes/{pid}/responses.csv',
  'GET /api/v1/programmes/{pid}/reported-outcomes',
  'POST /api/v1/programmes/{pid}/reported-outcomes/confirm',
  'POST /api/v1/programmes/{pid}/reported-outcomes/reject',
  'GET /api/v1/episodes/{eid}',
  'POST /api/v1/episodes/{eid}/invitation',
  'POST /api/v1/episodes/{eid}/outcomes',
  'GET /api/v1/episodes/{eid}/outcomes',
  'GET /api/v1/fee-rule-templates',
  'POST /api/v1/programmes/{pid}/panel-ratings',
  'GET /api/v1/programmes/{pid}/panel-ratings',
  'POST /api/v1/programmes/{pid}/providers/{prvId}/outcomes',
  'GET /api/v1/programmes/{pid}/providers/{prvId}/outcomes',
  'GET /api/v1/programmes/{pid}/scores',
  'GET /api/v1/programmes/{pid}/diagnostics',
  'POST /api/v1/programmes/{pid}/fee-runs',
  'GET /api/v1/programmes/{pid}/fee-runs',
  'POST /api/v1/programmes/{pid}/fee-simulations',
  'GET /api/v1/programmes/{pid}/ledger',
  'GET /api/v1/programmes/{pid}/ledger.csv',
  'GET /api/v1/fee-runs/{rid}',
  'GET /api/v1/fee-runs/{rid}/statement.csv',
  'GET /api/v1/fee-runs/{rid}/lines.csv',
  'POST /api/v1/fee-runs/{rid}/disputes',
  'GET /api/v1/fee-runs/{rid}/disputes',
  'POST /api/v1/fee-runs/{rid}/disputes/{did}/resolve',
  'POST /api/v1/fee-runs/{rid}/finalise',
  'GET /api/v1/surveys',
  'GET /api/v1/surveys/{id}',
  'GET /api/v1/surveys/{id}/versions/{v}',
  'POST /api/v1/surveys',
  'GET /api/v1/surveys/authored',
  'GET /api/v1/surveys/{id}/draft',
  'PUT /api/v1/surveys/{id}/draft',
  'GET /api/v1/surveys/{id}/draft/lint',
  'GET /api/v1/surveys/{id}/draft/preview',
  'POST /api/v1/surveys/{id}/publish',
  'GET /api/v1/surveys/{id}/versions',
  'GET /api/v1/respond/{token}',
  'PUT /api/v1/respond/{token}',
  'POST /api/v1/respond/{token}/decline',
  'GET /api/v1/public/programmes/{pid}/ratings',
  'GET /api/v1/national/comparison',
  'GET /api/v1/openapi.json',
  'GET /health',
  'GET /s/{token}',
  'POST /s/{token}',
  'GET /ratings/{pid}',
]

const METHODS = ['get', 'put', 'post', 'delete', 'patch']
const ERROR_REF = '#/components/schemas/Error'

let doc: Json
const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })),
  )
const resolve = (r: Json) => (r.$ref ? doc.components.responses[r.$ref.split('/').pop()] : r)

beforeAll(async () => {
  const res = await call('GET', '/api/v1/openapi.json')
  expect(res.status).toBe(200)
  doc = res.data
})

describe('GET /api/v1/openapi.json', () => {
  it('is public JSON that may be cached', async () => {
    const res = await call('GET', '/api/v1/openapi.json')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('cache-control')).toContain('max-age')
    expect(res.data).toEqual(doc)
  })

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./)
    const result = await new WorkerdValidator().validate(structuredClone(doc))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('the validator does reject a broken document', async () => {
    const broken = structuredClone(doc)
    delete broken.info.version
    broken.paths['/api/v1/keys'].post.responses = { 201: { content: {} } }
    expect((await new WorkerdValidator().validate(broken)).valid).toBe(false)
  })

  it('has schemas that are valid JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false })
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(ajv.validateSchema(schema as object), `${name}: ${ajv.errorsText()}`).toBe(true)
    }
  })
})

describe('coverage', () => {
  it('documents every route in the list, and nothing else', () => {
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual([...ROUTES].sort())
  })

  it('documents every route the sub-apps register', () => {
    // The sub-apps as src/index.ts mounts them (its default export is the Worker, not the Hono app).
    // /dev/mailbox is left out on purpose: it answers only on a local server with MAIL_SENDER=log.
    const mounted = [
      ['/api/v1', apiRoutes],
      ['/s', surveyPageRoutes],
      ['/ratings', ratingsPageRoutes],
    ] as const
    const documented = new Set(operations().map((o) => o.key))
    const registered = mounted.flatMap(([prefix, sub]) =>
      sub.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${`${prefix}${r.path}`.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`),
    )
    expect(registered.length).toBeGreaterThan(30)
    expect(registered.filter((r) => !documented.has(r))).toEqual([])
  })

  it('gives every operation an id, a tag, a summary and security', () => {
    const ids = new Set<string>()
    const tags = new Set(doc.tags.map((t: { name: string }) => t.name))
    for (const { key, op } of operations()) {
      expect(op.operationId, key).toBeTruthy()
      ids.add(op.operationId)
      expect(tags.has(op.tags[0]), key).toBe(true)
      expect(op.summary, key).toBeTruthy()
      expect(Array.isArray(op.security), key).toBe(true)
    }
    expect(ids.size).toBe(ROUTES.length)
  })

  it('asks for a key exactly on the keyed paths', () => {
    const keyedPath = /^\/api\/v1\/(keys|audit|me|programmes|episodes|fee-runs|national)\b/
    // Published surveys are public; authoring them (drafts, publication, the versions' use) takes a key.
    const authoring =
      /^(POST \/api\/v1\/surveys|\w+ \/api\/v1\/surveys\/(authored|\{id\}\/(draft(\/\w+)?|publish|versions)))$/
    for (const { key, path, op } of operations()) {
      const keyed = keyedPath.test(path) || authoring.test(key)
      expect(op.security.length > 0, key).toBe(keyed)
      if (keyed) expect(op.responses['401'], key).toBeDefined()
    }
    expect(doc.components.securitySchemes.bearerKey).toMatchObject({ type: 'http', scheme: 'bearer' })
  })
})

describe('schemas', () => {
  it('gives every API error response the shared error schema', () => {
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'issues'])
    let errors = 0
    for (const { key, path, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        const r = resolve(response)
        if (Number(status) < 400 || r.content?.['text/html']) continue
        expect(r.content['application/json'].schema.$ref, `${key} ${status}`).toBe(ERROR_REF)
        errors++
      }
      if (/^\/(api\/v1\/(keys|audit|programmes|episodes|fee-runs|respond|public)|s|ratings)(\/|$)/.test(path))
        expect(op.responses['503'], key).toBeDefined()
      expect(op.responses['500'], key).toBeDefined()
    }
    expect(errors).toBeGreaterThan(100)
  })

  it('tells a retryable 503 from a 500 that carries a request id', () => {
    expect(doc.components.responses.Unavailable.headers['Retry-After'].schema.type).toBe('integer')
    expect(doc.components.responses.Internal.headers).toBeUndefined()
    expect(doc.components.schemas.Error.properties.error.properties.requestId.type).toBe('string')
  })

  it('takes episodes as JSON or CSV', () => {
    const body = doc.paths['/api/v1/programmes/{pid}/episodes'].post.requestBody.content
    expect(body['application/json'].schema.$ref).toBe('#/components/schemas/EpisodeImport')
    expect(body['text/csv'].schema.type).toBe('string')
    const item = doc.components.schemas.EpisodeImport.properties.episodes.items
    expect(item.required).toEqual(['providerId', 'customerType', 'externalRef', 'startedOn', 'endedOn'])
    expect(item.properties.startedOn.format).toBe('date')
  })

  it('carries the fee rule schema src/schemas exports, and uses it for rules in bodies', () => {
    const { $schema: _, ...expected } = feeRuleJsonSchema()
    expect(doc.components.schemas.FeeRule).toEqual(expected)
    const ref = { $ref: '#/components/schemas/FeeRule' }
    expect(doc.paths['/api/v1/programmes/{pid}/fee-rule'].put.requestBody.content['application/json'].schema).toEqual(
      ref,
    )
    expect(doc.components.schemas.ProgrammeCreate.properties.feeRule).toMatchObject(ref)
    expect(doc.components.schemas.FeeSimulationCreate.properties.rules.items).toMatchObject(ref)
    expect(doc.components.schemas.FeeRuleVersion.properties.rule).toEqual(ref)
  })

  it('describes query parameters from the zod schemas', () => {
    const params = doc.paths['/api/v1/programmes/{pid}/episodes'].get.parameters
    expect(params.find((p: { name: string }) => p.name === 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', maximum: 1000, default: 200 },
    })
    const scores = doc.paths['/api/v1/programmes/{pid}/scores'].get.parameters.map((p: Json) => p.name)
    expect(scores).toEqual(['pid', 'period', 'from', 'to', 'customerType', 'series'])
    // Comments are not scores: they take the period only, of every survey version.
    const comments = doc.paths['/api/v1/programmes/{pid}/comments'].get.parameters.map((p: Json) => p.name)
    expect(comments).toEqual(['pid', 'period', 'from', 'to', 'customerType'])
  })

  it('accepts what the routes accept and rejects what they reject', () => {
    // Request schemas are the routes' own zod schemas; check a few bodies through the document.
    const ajv = new Ajv2020({ strict: false })
    addFormats(ajv)
    // The components under one root, so their #/components/schemas/... references resolve.
    ajv.addSchema({ $id: 'laatu', components: doc.components })
    const valid = (name: string, body: unknown) => ajv.getSchema(`laatu#/components/schemas/${name}`)!(body)
    const rule = { currency: 'EUR', components: [{ type: 'base', perClient: 1000 }] }
    expect(
      valid('ProgrammeCreate', {
        name: 'P',
        region: 'Pirkanmaa',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        feeRule: rule,
      }),
    ).toBe(true)
    expect(
      valid('ProgrammeCreate', {
        name: 'P',
        region: 'Pirkanmaa',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        extra: 1,
      }),
    ).toBe(false)
    // the survey map: pinned, latest, or by service type, in creation and in PATCH
    const map = {
      company: 'cx-company@2',
      jobseeker: { default: 'cx-jobseeker', byServiceType: { entrepreneurship: 'yb-entrepreneur@1' } },
    }
    expect(valid('ProgrammeCreate', { name: 'P', region: 'Pirkanmaa', surveys: map })).toBe(true)
    expect(valid('ProgrammeSettings', { surveys: map })).toBe(true)
    expect(valid('ProgrammeSettings', { surveys: { ...map, company: { byServiceType: {} } } })).toBe(false)
    expect(valid('ProgrammeSettings', { surveys: { ...map, company: 'CX company' } })).toBe(false)
    expect(valid('FeeRule', { currency: 'EUR', components: [{ type: 'bonus' }] })).toBe(false)
    expect(valid('KeyCreate', { role: 'provider' })).toBe(false)
  })
})

describe('custody', () => {
  const schemas = () => doc.components.schemas
  const param = (path: string, method: string, name: string) =>
    doc.paths[path][method].parameters.find((p: { name: string }) => p.name === name)

  it('documents the custody settings: at creation, in the programme and in PATCH', () => {
    const create = schemas().ProgrammeCreate.properties
    expect(create.linkCustody).toMatchObject({ enum: ['laatu', 'provider'], default: 'laatu' })
    expect(create.providerEpisodes).toMatchObject({ enum: ['confirm', 'trusted', 'off'], default: 'confirm' })
    const programme = schemas().Programme
    expect(programme.required).toEqual(expect.arrayContaining(['linkCustody', 'providerEpisodes']))
    const patch = doc.paths['/api/v1/programmes/{pid}'].patch
    expect(patch.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ProgrammeSettings')
    expect(patch.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/Programme')
    expect(schemas().ProgrammeSettings.additionalProperties).toBe(false)
  })

  it('documents the confirmation queue: the status filter, confirm and reject', () => {
    expect(param('/api/v1/programmes/{pid}/episodes', 'get', 'status').schema.enum).toEqual([
      'pending',
      'confirmed',
      'rejected',
    ])
    for (const action of ['confirm', 'reject']) {
      const op = doc.paths[`/api/v1/programmes/{pid}/episodes/${action}`].post
      expect(op.responses['422'].description, action).toMatch(/episodeIds\[i\]/)
      expect(op.responses['403'], action).toBeDefined()
    }
    const episode = schemas().Episode
    expect(episode.properties.status.enum).toEqual(['pending', 'confirmed', 'rejected'])
    expect(episode.required).not.toContain('createdBy')
    expect(episode.required).not.toContain('reviewedBy')
    expect(schemas().EpisodeImportResult.required).toContain('pending')
  })

  it('documents the links export as CSV with its 409', () => {
    const op = doc.paths['/api/v1/programmes/{pid}/invitation-links.csv'].get
    expect(op.responses['200'].content['text/csv'].schema.description).toBe(
      'episodeId, externalRef, providerId, provider, customerType, wave, language, expiresAt, url',
    )
    expect(op.responses['409'].description).toMatch(/not_configured/)
    expect(param('/api/v1/programmes/{pid}/invitation-links.csv', 'get', 'providerId').required).toBe(false)
  })

  it('real responses match the documented shapes, with no undocumented field', async () => {
    // Every documented object is closed here, so a field the routes add without documenting it fails.
    const check = documentedShapes(doc)

    const s = await setupProgramme()
    const pid = s.programme.id
    const patched = await call('PATCH', `/api/v1/programmes/${pid}`, {
      key: s.procurerKey,
      json: { providerEpisodes: 'confirm' },
    })
    expect(patched.status).toBe(200)
    check('Programme', patched.data)
    check('ProgrammeWithRule', (await call('GET', `/api/v1/programmes/${pid}`, { key: s.keyA })).data)

    // A provider key's import waits for the procurer: no invitation, no link.
    const imported = await call('POST', `/api/v1/programmes/${pid}/episodes`, {
      key: s.keyA,
      json: {
        episodes: [
          episode(s.providerA.id, { riskClass: 'B' }),
          episode(s.providerA.id, { contact: { email: 'a@example.fi' } }),
        ],
      },
    })
    expect(imported.status).toBe(201)
    expect(imported.data.pending).toBe(2)
    check('EpisodeImportResult', imported.data)
    const [first, second] = imported.data.episodes.map((e: { id: string }) => e.id)
    for (const key of [s.procurerKey, s.keyA]) {
      const queue = await call('GET', `/api/v1/programmes/${pid}/episodes?status=pending`, { key })
      expect(queue.data.episodes).toHaveLength(2)
      check('EpisodePage', queue.data)
    }

    const confirmed = await call('POST', `/api/v1/programmes/${pid}/episodes/confirm`, {
      key: s.procurerKey,
      json: { episodeIds: [first], acceptProposedRiskClass: true },
    })
    expect(confirmed.status).toBe(200)
    check('EpisodeConfirmResult', confirmed.data)
    const rejected = await call('POST', `/api/v1/programmes/${pid}/episodes/reject`, {
      key: s.procurerKey,
      json: { episodeIds: [second], reason: 'not our client' },
    })
    expect(rejected.status).toBe(200)
    check('EpisodeRejectResult', rejected.data)

    for (const key of [s.procurerKey, s.keyA]) {
      check('EpisodeDetail', (await call('GET', `/api/v1/episodes/${first}`, { key })).data)
      check('EpisodeDetail', (await call('GET', `/api/v1/episodes/${second}`, { key })).data)
      check('EpisodePage', (await call('GET', `/api/v1/programmes/${pid}/episodes`, { key })).data)
    }
    const reissued = await call('POST', `/api/v1/episodes/${first}/invitation`, { key: s.procurerKey })
    expect(reissued.status).toBe(201)
    check('ReissuedInvitation', reissued.data)
    check(
      'EpisodeImportResult',
      (
        await call('POST', `/api/v1/programmes/${pid}/episodes`, {
          key: s.procurerKey,
          json: { episodes: [episode(s.providerB.id)] },
        })
      ).data,
    )

    const csv = await call('GET', `/api/v1/programmes/${pid}/invitation-links.csv`, { key: s.procurerKey })
    expect(csv.status).toBe(200)
    const header =
      doc.paths['/api/v1/programmes/{pid}/invitation-links.csv'].get.responses['200'].content['text/csv'].schema
        .description
    expect((csv.data as string).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(header.replaceAll(', ', ','))
  })
})
