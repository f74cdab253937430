// After the load: reads the local D1 SQLite file directly (read-only) and checks, for the run's
// invitations, that every completion the clients saw acknowledged is stored exactly once with the
// acknowledged answers and its five item rows, and that nothing else was completed or lost.
import { DatabaseSync } from 'node:sqlite'
import { type Answers, SCORED, sameAnswers } from './answers.ts'

export type Expectation = {
  invitationId: string
  /** The answers of the acknowledged completion, or null when none was acknowledged. */
  ackedCompletion: Answers | null
  /** Some completion request may have reached the Worker without its answer reaching us. */
  completionUncertain: boolean
  /** For invitations never completed: the last acknowledged save, when no later save is in doubt. */
  expectedOpenAnswers: Answers | null
}

export type DbReport = {
  invitations: number
  responseRows: number
  duplicateResponseRows: number
  duplicateItemRows: number
  completedStored: number
  ackedAndStored: number
  completedWithoutAck: number
  itemRows: number
  failures: string[]
}

type InvRow = { id: string; status: string; completed_at: string | null }
type RespRow = { invitation_id: string; answers: string; completed: number; completed_at: string | null; n: number }
type ItemRow = { invitation_id: string; item: string; position: number | null; points: number; n: number }

export function verifyDatabase(file: string, programmeId: string, expected: Expectation[]): DbReport {
  const db = new DatabaseSync(file, { readOnly: true, timeout: 5000 })
  try {
    const scope = `(SELECT i.id FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE e.programme_id = ?)`
    const invitations = db
      .prepare(
        `SELECT i.id, i.status, i.completed_at FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE e.programme_id = ?`,
      )
      .all(programmeId) as InvRow[]
    const responses = db
      .prepare(
        `SELECT invitation_id, answers, completed, completed_at, COUNT(*) OVER (PARTITION BY invitation_id) AS n FROM responses WHERE invitation_id IN ${scope}`,
      )
      .all(programmeId) as RespRow[]
    const items = db
      .prepare(
        `SELECT invitation_id, item, position, points, COUNT(*) OVER (PARTITION BY invitation_id, item) AS n FROM response_items WHERE invitation_id IN ${scope}`,
      )
      .all(programmeId) as ItemRow[]

    const failures: string[] = []
    const fail = (msg: string) => {
      if (failures.length < 50) failures.push(msg)
      else if (failures.length === 50) failures.push('… (more failures not listed)')
    }
    const invById = new Map(invitations.map((r) => [r.id, r]))
    const respById = new Map<string, RespRow>()
    let duplicateResponseRows = 0
    for (const r of responses) {
      if (r.n > 1) duplicateResponseRows++
      respById.set(r.invitation_id, r)
    }
    const itemsById = new Map<string, ItemRow[]>()
    let duplicateItemRows = 0
    for (const r of items) {
      if (r.n > 1) duplicateItemRows++
      const list = itemsById.get(r.invitation_id) ?? []
      list.push(r)
      itemsById.set(r.invitation_id, list)
    }
    if (duplicateResponseRows > 0) fail(`${duplicateResponseRows} responses rows share an invitation_id`)
    if (duplicateItemRows > 0) fail(`${duplicateItemRows} response_items rows share (invitation_id, item)`)
    if (invitations.length !== expected.length)
      fail(`the programme has ${invitations.length} invitations, the run imported ${expected.length}`)

    let completedStored = 0
    let ackedAndStored = 0
    let completedWithoutAck = 0
    for (const e of expected) {
      const inv = invById.get(e.invitationId)
      const resp = respById.get(e.invitationId)
      const its = itemsById.get(e.invitationId) ?? []
      if (!inv) {
        fail(`${e.invitationId}: invitation missing`)
        continue
      }
      const completed = inv.status === 'completed'
      if (completed) completedStored++
      if (completed !== (resp?.completed === 1)) {
        fail(`${e.invitationId}: invitation status ${inv.status} but response completed=${resp?.completed ?? 'no row'}`)
      }
      if (e.ackedCompletion) {
        if (!completed || !resp) {
          fail(
            `${e.invitationId}: LOST — completion acknowledged, stored status ${inv.status}, response row ${resp ? 'present' : 'missing'}`,
          )
          continue
        }
        ackedAndStored++
        const stored = JSON.parse(resp.answers)
        if (!sameAnswers(stored, e.ackedCompletion)) {
          fail(
            `${e.invitationId}: stored answers ${resp.answers} differ from the acknowledged ${JSON.stringify(e.ackedCompletion)}`,
          )
        }
        if (its.length !== SCORED.length)
          fail(`${e.invitationId}: ${its.length} response_items rows, expected ${SCORED.length}`)
        for (const it of its) {
          const v = e.ackedCompletion[it.item]
          const position = v === 'dontknow' ? null : v
          if (it.position !== position || it.points !== 4) {
            fail(
              `${e.invitationId}: item ${it.item} stored position ${it.position}/${it.points}, answer was ${JSON.stringify(v)}`,
            )
          }
        }
      } else if (completed) {
        if (e.completionUncertain) completedWithoutAck++
        else fail(`${e.invitationId}: completed in D1 although no completion was acknowledged and none timed out`)
        if (its.length !== SCORED.length)
          fail(`${e.invitationId}: ${its.length} response_items rows, expected ${SCORED.length}`)
      } else {
        if (its.length !== 0) fail(`${e.invitationId}: not completed but has ${its.length} response_items rows`)
        if (e.expectedOpenAnswers) {
          if (!resp) fail(`${e.invitationId}: LOST — saves acknowledged but no response row`)
          else if (!sameAnswers(JSON.parse(resp.answers), e.expectedOpenAnswers)) {
            fail(
              `${e.invitationId}: open response holds ${resp.answers}, last acknowledged save was ${JSON.stringify(e.expectedOpenAnswers)}`,
            )
          }
        }
      }
    }
    return {
      invitations: invitations.length,
      responseRows: responses.length,
      duplicateResponseRows,
      duplicateItemRows,
      completedStored,
      ackedAndStored,
      completedWithoutAck,
      itemRows: items.length,
      failures,
    }
  } finally {
    db.close()
  }
}
