// Survey authoring: a procurer's drafts, linted as they are saved, published as immutable numbered versions.
import { findPublishedVersion, latestPublishedVersion, publishedVersionsOf } from '../db/survey-versions.ts'
import {
  getSurvey,
  insertSurvey,
  listAuthoredSurveys,
  type Publication,
  publishVersion,
  replaceDraft,
  type Survey,
  type SurveyWithDraft,
  versionUsage,
  withoutDraft,
} from '../db/surveys.ts'
import type { Principal } from '../domain/principal.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { programmeScope } from '../http/principal.ts'
import type { Language } from '../schemas/common.ts'
import type { CreateSurvey, PublishSurvey, SaveDraft } from '../schemas/surveys.ts'
import type { Localised } from '../surveys/lint-messages.ts'
import type { PageView } from '../surveys/runtime.ts'
import type { JsonObject } from '../surveys/scored-items.ts'
import type { Deps } from './deps.ts'
import { assertPublicationKeepsFeeRules } from './programmes.ts'

/** A lint finding as the API gives it: where (JSON path and question), which rule, and why in fi, sv and en. */
export type Finding = {
  severity: 'error' | 'warning'
  rule: string
  path: string
  question: string | null
  message: Localised
}

export type Draft = { survey: Survey; json: JsonObject; findings: Finding[] }

/**
 * A draft's findings: every rule a respondent's answer depends on is an error for an authored survey. The linter
 * (with survey-core) is loaded on first use, like the rest of the survey runtime, so other routes start faster.
 */
export async function lintDraft(id: string, json: JsonObject): Promise<Finding[]> {
  const { lintSurveyDefinition } = await import('../surveys/lint.ts')
  return lintSurveyDefinition(json, { id, version: 0 }, 'authored').map((f) => ({
    severity: f.severity,
    rule: f.rule,
    path: f.path,
    question: f.question,
    message: f.messages,
  }))
}

/** Whose surveys a key writes: its programme's, or (unbound procurer, admin) the shared unowned ones. */
function authorOf(p: Principal): string | null {
  if (p.role === 'provider') throw new ApiError(403, 'A provider key cannot author surveys')
  return programmeScope(p)
}

/** Built-ins are everyone's; an authored survey is its programme's procurers' (and unbound keys'). */
function visibleTo(p: Principal, s: Pick<Survey, 'builtin' | 'ownerProgrammeId'>): boolean {
  if (s.builtin) return true
  if (p.role === 'provider' || p.role === 'national') return false
  return p.role === 'admin' || p.programmeId === null || p.programmeId === s.ownerProgrammeId
}

async function surveyOf(db: D1Database, p: Principal, id: string): Promise<SurveyWithDraft> {
  authorOf(p)
  const s = await getSurvey(db, id)
  if (!s || !visibleTo(p, s)) throw new ApiError(404, `No survey ${id}`)
  return s
}

/** An authored survey the caller may change, with its draft. */
async function draftOf(db: D1Database, p: Principal, id: string): Promise<SurveyWithDraft & { draft: JsonObject }> {
  const s = await surveyOf(db, p, id)
  if (s.builtin || s.draft === null) {
    throw new ApiError(403, `${id} is a built-in template and read-only; copy it with {"from": "${id}@version"}`)
  }
  return s as SurveyWithDraft & { draft: JsonObject }
}

/** The caller's own authored surveys (its programme's, or the unowned ones of unbound keys), newest first. */
export async function authoredSurveys(db: D1Database, p: Principal): Promise<Survey[]> {
  return listAuthoredSurveys(db, authorOf(p))
}

const draftView = async (s: SurveyWithDraft & { draft: JsonObject }): Promise<Draft> => ({
  survey: withoutDraft(s),
  json: s.draft,
  findings: await lintDraft(s.id, s.draft),
})

/** The definition a {"from": "id@version"} copy starts from: a published version the caller may read. */
async function copySource(db: D1Database, p: Principal, from: string) {
  const [id, version] = from.split('@')
  const source = version ? await findPublishedVersion(db, id, Number(version)) : await latestPublishedVersion(db, id)
  if (!source || !visibleTo(p, source)) throw invalid([{ path: 'from', message: `no published survey ${from}` }])
  return source
}

export async function createSurvey(
  deps: Deps,
  p: Principal,
  body: CreateSurvey,
): Promise<{ survey: Survey; findings: Finding[] }> {
  const owner = authorOf(p)
  const source = body.from === undefined ? null : await copySource(deps.db, p, body.from)
  const draft = source ? source.definition : body.json!
  const stored = await insertSurvey(deps.db, {
    id: body.id,
    title: body.title ?? source!.title,
    customerType: source ? source.customerType : body.customerType!,
    ownerProgrammeId: owner,
    ownerKey: p.keyId,
    draft,
    now: deps.now(),
  })
  if (stored === 'conflict') throw new ApiError(409, `A survey ${body.id} exists already; choose another id`)
  return { survey: withoutDraft((await getSurvey(deps.db, body.id))!), findings: await lintDraft(body.id, draft) }
}

export async function readDraft(db: D1Database, p: Principal, id: string): Promise<Draft> {
  return draftView(await draftOf(db, p, id))
}

export async function saveDraft(deps: Deps, p: Principal, id: string, body: SaveDraft): Promise<Draft> {
  await draftOf(deps.db, p, id)
  await replaceDraft(deps.db, id, body.json, body.title, deps.now())
  return readDraft(deps.db, p, id)
}

/**
 * Publishes the draft as the next version, unless an error-level finding remains (refused with the findings) or
 * the version it claims to be comparable to asks different scored items, points or anchors (422 naming it), or
 * a programme that issues the survey's latest version has a fee rule paying on an item the draft does not score.
 */
export async function publishSurvey(
  deps: Deps,
  p: Principal,
  id: string,
  body: PublishSurvey,
): Promise<{ published: Publication } | { refused: Finding[] }> {
  const s = await draftOf(deps.db, p, id)
  const findings = await lintDraft(id, s.draft)
  if (findings.some((f) => f.severity === 'error')) return { refused: findings }
  if (body.comparableTo !== undefined) {
    const earlier = await findPublishedVersion(deps.db, id, body.comparableTo)
    if (!earlier)
      throw invalid([{ path: 'comparableTo', message: `${id} has no published version ${body.comparableTo}` }])
    const { comparabilityBreaks } = await import('../surveys/comparable.ts')
    const breaks = comparabilityBreaks(earlier.definition, s.draft)
    if (breaks.length > 0) {
      throw invalid(
        breaks.map((message) => ({ path: 'comparableTo', message })),
        `The draft is not comparable to version ${body.comparableTo}: its scores would not mean the same`,
      )
    }
  }
  await assertPublicationKeepsFeeRules(deps.db, id, s.latestVersion, s.draft)
  const published = await publishVersion(deps.db, {
    surveyId: id,
    definition: s.draft,
    comparableTo: body.comparableTo ?? null,
    now: deps.now(),
    by: p.keyId ?? 'admin',
  })
  if (published === 'conflict')
    throw new ApiError(409, `Another version of ${id} was published at the same moment; try again`)
  return { published }
}

/** The published versions with the programmes whose invitations use them (only programmes the caller may read). */
export async function surveyVersionList(db: D1Database, p: Principal, id: string) {
  const s = await surveyOf(db, p, id)
  const readable = (programmeId: string) =>
    p.role === 'admin' || (p.role === 'procurer' && (p.programmeId === null || p.programmeId === programmeId))
  const [versions, usage] = await Promise.all([publishedVersionsOf(db, id), versionUsage(db, id)])
  return {
    surveyId: s.id,
    versions: versions.map((v) => ({
      version: v.version,
      series: v.series,
      comparableTo: v.comparableTo,
      publishedAt: v.publishedAt,
      usedBy: usage
        .filter((u) => u.version === v.version && readable(u.programmeId))
        .map((u) => ({ programmeId: u.programmeId, name: u.name, invitations: u.invitations })),
    })),
  }
}

/** One page of the draft as the respondent would see it, compiled afresh (a draft is never cached). */
export async function previewDraft(
  db: D1Database,
  p: Principal,
  id: string,
  lang: Language,
  page: number,
): Promise<PageView> {
  const s = await draftOf(db, p, id)
  const { SurveyRuntime } = await import('../surveys/runtime.ts')
  const runtime = new SurveyRuntime(id, (s.latestVersion ?? 0) + 1, s.draft)
  return runtime.view({}, lang, Math.min(page, runtime.pageCount - 1), [])
}
