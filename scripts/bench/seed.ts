// Fills a local D1 SQLite file (already migrated by wrangler) straight through node:sqlite: one programme,
// its providers, and batches of episodes with their invitations, responses and response items, in the
// shape the Worker itself writes them (the scoring columns come from the domain's scoreResponse).
// Rows are inserted in registration order with providers interleaved, as a real import stream would be.
import { randomBytes } from 'node:crypto'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { businessIdCheckDigit } from '../../src/domain/business-id.ts'
import { cannotSayAnswers, scoreResponse } from '../../src/domain/response-score.ts'
import { findVersion } from '../../src/surveys/catalog.ts'
import { type ScoredItem, scoredItems } from '../../src/surveys/scored-items.ts'
import { seeded } from '../../test/seeded-random.ts'

const DAY = 86_400_000

/** Random hex strings, drawn from one buffer per batch (crypto quality, like the Worker's ids). */
class HexPool {
  private buf = Buffer.alloc(0)
  private at = 0
  take(bytes: number): string {
    if (this.at + bytes > this.buf.length) {
      this.buf = randomBytes(1 << 20)
      this.at = 0
    }
    const s = this.buf.toString('hex', this.at, this.at + bytes)
    this.at += bytes
    return s
  }
}

export type Programme = {
  programmeId: string
  providerIds: string[]
  /** Relative size of each provider (how many of the episodes it gets). */
  weights: number[]
  /** Each provider's typical answer level 0..1. */
  quality: number[]
  /** First day of the year the episodes end in (YYYY-MM-DD). */
  yearStart: string
}

export const PUBLICATION = { minResponses: 10, cautionBelow: 30, minGroup: 5, priorWeight: 5 }

export function seedProgramme(db: DatabaseSync, providers: number, yearStart: string): Programme {
  const hex = new HexPool()
  const random = seeded(42)
  const programmeId = `prg_${hex.take(10)}`
  const createdAt = new Date(Date.parse(`${yearStart}T00:00:00Z`) - 60 * DAY).toISOString()
  db.exec('BEGIN')
  db.prepare(
    `INSERT INTO programmes (id, name, region, currency, survey_company, survey_jobseeker, survey_map, publication, invitation_days, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    programmeId,
    'Benchmark programme',
    'Pirkanmaa',
    'EUR',
    'cx-company',
    'cx-jobseeker',
    JSON.stringify({ company: 'cx-company', jobseeker: 'cx-jobseeker' }),
    JSON.stringify(PUBLICATION),
    30,
    createdAt,
  )
  db.prepare(
    'INSERT INTO fee_rules (programme_id, version, rule, created_at, created_by) VALUES (?, 1, ?, ?, NULL)',
  ).run(programmeId, JSON.stringify({ currency: 'EUR', components: [{ type: 'base', perClient: 1000 }] }), createdAt)
  const insertProvider = db.prepare(
    'INSERT INTO providers (id, programme_id, name, business_id, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const providerIds: string[] = []
  const weights: number[] = []
  const quality: number[] = []
  let digits = 1_000_000 // business IDs with a valid check digit, skipping the digits that have none
  for (let p = 0; p < providers; p++) {
    const id = `prv_${hex.take(10)}`
    while (businessIdCheckDigit(String(digits)) === null) digits++
    const businessId = `${digits}-${businessIdCheckDigit(String(digits))}`
    digits++
    insertProvider.run(id, programmeId, `Palvelu ${String(p + 1).padStart(4, '0')} Oy`, businessId, createdAt)
    providerIds.push(id)
    weights.push(0.5 + random()) // providers differ in size by up to 3x
    quality.push(0.35 + random() * 0.5)
  }
  db.exec('COMMIT')
  return { programmeId, providerIds, weights, quality, yearStart }
}

type Statements = Record<'episode' | 'invitation' | 'response' | 'item', StatementSync>

function statements(db: DatabaseSync): Statements {
  return {
    episode: db.prepare(
      `INSERT INTO episodes (id, programme_id, provider_id, customer_type, external_ref, service_type, started_on, ended_on,
         risk_class, language, contact_email, contact_phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    ),
    invitation: db.prepare(
      `INSERT INTO invitations (id, episode_id, token_hash, survey_id, survey_version, language, status, issued_at, expires_at,
         opened_at, started_at, completed_at, declined_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    response: db.prepare(
      `INSERT INTO responses (invitation_id, survey_id, survey_version, language, answers, completed, scored_total, scored_answered,
         quality_index, all_top, top_box, straight_line, net_hash, created_at, updated_at, completed_at, cannot_say)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    item: db.prepare('INSERT INTO response_items (invitation_id, item, position, points) VALUES (?, ?, ?, ?)'),
  }
}

const SERVICE_TYPES = ['coaching', 'training', 'mentoring', 'recruitment']
const RISK_CLASSES = ['A', 'B', 'C', null]
const SURVEYS: Record<'company' | 'jobseeker', { id: string; items: ScoredItem[] }> = {
  company: { id: 'cx-company', items: scoredItems(findVersion('cx-company', 1)!.definition) },
  jobseeker: { id: 'cx-jobseeker', items: scoredItems(findVersion('cx-jobseeker', 1)!.definition) },
}

export type BatchCounts = {
  episodes: number
  completed: number
  partial: number
  declined: number
  responseItems: number
}

/**
 * Adds `episodes` episodes ending uniformly over the year, spread over the providers by weight, each with
 * an invitation: 80% completed, 5% partly answered, 3% declined, 4% opened only, 8% never opened.
 * `batch` keeps external refs and the random draws distinct between calls.
 */
export function addEpisodes(db: DatabaseSync, prog: Programme, episodes: number, batch: number): BatchCounts {
  const random = seeded(1000 + batch)
  const hex = new HexPool()
  const s = statements(db)
  const yearMs = Date.parse(`${prog.yearStart}T00:00:00Z`)
  const dayStr = (d: number) => new Date(yearMs + d * DAY).toISOString().slice(0, 10)
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString()

  // Providers by weight, end days uniform over 365 days; then ordered by registration time.
  const totalWeight = prog.weights.reduce((a, b) => a + b, 0)
  const provider = new Int32Array(episodes)
  const registered = new Float64Array(episodes)
  const endDay = new Int16Array(episodes)
  let k = 0
  for (let p = 0; p < prog.providerIds.length; p++) {
    const until =
      p === prog.providerIds.length - 1
        ? episodes
        : Math.min(episodes, k + Math.round((episodes * prog.weights[p]) / totalWeight))
    for (; k < until; k++) provider[k] = p
  }
  for (let i = 0; i < episodes; i++) {
    endDay[i] = Math.floor(random() * 365)
    registered[i] = yearMs + endDay[i] * DAY + DAY * (0.3 + random() * 2.5) // imported a few days after the end
  }
  const order = Array.from({ length: episodes }, (_, i) => i).sort((a, b) => registered[a] - registered[b])

  // One skewed pool of respondent networks: a few shared office networks, many home ones.
  const nets = Array.from({ length: 20_000 }, () => hex.take(16))
  const counts: BatchCounts = { episodes, completed: 0, partial: 0, declined: 0, responseItems: 0 }
  const COMMIT_EVERY = 50_000
  db.exec('BEGIN')
  for (let n = 0; n < episodes; n++) {
    if (n > 0 && n % COMMIT_EVERY === 0) {
      db.exec('COMMIT')
      db.exec('BEGIN')
    }
    const i = order[n]
    const p = provider[i]
    const createdMs = registered[i]
    const customerType = random() < 0.4 ? 'company' : 'jobseeker'
    const survey = SURVEYS[customerType]
    const language = random() < 0.85 ? 'fi' : random() < 0.67 ? 'sv' : 'en'
    const episodeId = `epi_${hex.take(10)}`
    const invitationId = `inv_${hex.take(10)}`
    const u = random()
    const status = u < 0.8 ? 'completed' : u < 0.88 && u >= 0.85 ? 'declined' : 'open'
    // Contact details are deleted when the invitation closes; only open ones keep them.
    const email = status === 'open' ? `asiakas${batch}x${n}@example.fi` : null
    s.episode.run(
      episodeId,
      prog.programmeId,
      prog.providerIds[p],
      customerType,
      `B${batch}-${n}`,
      SERVICE_TYPES[Math.floor(random() * SERVICE_TYPES.length)],
      dayStr(endDay[i] - 14 - Math.floor(random() * 170)),
      dayStr(endDay[i]),
      RISK_CLASSES[Math.floor(random() * RISK_CLASSES.length)],
      language,
      email,
      iso(createdMs),
    )

    // Invitation timeline: opened after minutes to days (2% within minutes of registration).
    const expiresMs = createdMs + 30 * DAY
    const openedMs =
      createdMs + (random() < 0.02 ? 60_000 + random() * 240_000 : random() * random() * 20 * DAY + 600_000)
    const startedMs = openedMs + 5_000 + random() * 115_000
    const tooFast = random() < 0.03
    const completedMs = startedMs + (tooFast ? 2_000 + random() * 6_000 : 30_000 + random() * 870_000)
    const opened = u < 0.92 ? iso(openedMs) : null
    const started = u < 0.85 ? iso(startedMs) : null
    s.invitation.run(
      invitationId,
      episodeId,
      hex.take(32),
      survey.id,
      language,
      status,
      iso(createdMs),
      iso(expiresMs),
      opened,
      started,
      status === 'completed' ? iso(completedMs) : null,
      status === 'declined' ? iso(openedMs + 20_000) : null,
    )
    if (u >= 0.85) {
      if (status === 'declined') counts.declined++
      continue
    }

    // Answers: a provider-level answer level plus noise; 5% "cannot say", 4% straight-lined.
    const complete = u < 0.8
    const answers: Record<string, unknown> = {}
    const items = complete ? survey.items : survey.items.slice(0, 1 + Math.floor(random() * 2))
    const straight = complete && random() < 0.04 ? 1 + Math.floor(random() * 4) : 0
    for (const item of items) {
      const K = item.values.length
      if (straight) answers[item.name] = item.values[Math.min(straight, K) - 1]
      else if (random() < 0.05) answers[item.name] = item.notApplicable
      else {
        const level = Math.min(1, Math.max(0, prog.quality[p] + (random() + random() + random() - 1.5) * 0.45))
        answers[item.name] = item.values[Math.round(level * (K - 1))]
      }
    }
    if (complete && random() < 0.2) answers.comment = 'Palvelu auttoi, mutta yhteydenpito olisi voinut olla nopeampaa.'
    const score = scoreResponse(survey.items, answers)
    s.response.run(
      invitationId,
      survey.id,
      language,
      JSON.stringify(answers),
      complete ? 1 : 0,
      score.scoredTotal,
      score.scoredAnswered,
      score.qualityIndex,
      score.allTop ? 1 : 0,
      score.allTop ? 1 : 0, // top_box: all-top since issue 13
      score.straightLine ? 1 : 0,
      complete && random() < 0.5 ? nets[Math.floor(random() * random() * nets.length)] : null,
      iso(startedMs),
      iso(complete ? completedMs : startedMs + 40_000),
      complete ? iso(completedMs) : null,
      cannotSayAnswers(score),
    )
    if (!complete) {
      counts.partial++
      continue
    }
    counts.completed++
    for (const it of score.items) s.item.run(invitationId, it.item, it.position, it.points)
    counts.responseItems += score.items.length
  }
  db.exec('COMMIT')
  return counts
}
