import { type Dispute, type FeeRun, getDispute, insertDispute, resolveDispute, runProviders } from '../db/fee-runs.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import type { Deps } from './deps.ts'

/** A provider (or the procurer for it) contests a draft statement, or one client's line in it. */
export async function openDispute(
  deps: Deps,
  run: FeeRun,
  request: { providerId: string; externalRef?: string; reason: string },
  by: { keyId: string | null; ownProvider: string | null },
): Promise<Dispute> {
  if (by.ownProvider !== null && by.ownProvider !== request.providerId) {
    throw new ApiError(403, 'A provider may dispute only its own statement', {
      issues: [{ path: 'providerId', message: "not this key's provider" }],
    })
  }
  const [part] = await runProviders(deps.db, run.id, request.providerId, request.externalRef !== undefined)
  if (!part) throw invalid([{ path: 'providerId', message: `provider ${request.providerId} is not in this run` }])
  if (request.externalRef !== undefined && !part.lines!.some((l) => l.externalRef === request.externalRef)) {
    throw invalid([{ path: 'externalRef', message: `no line for ${request.externalRef} in this provider's statement` }])
  }
  const dispute: Dispute = {
    id: newId('dsp'),
    runId: run.id,
    providerId: request.providerId,
    externalRef: request.externalRef ?? null,
    reason: request.reason,
    status: 'open',
    resolution: null,
    createdAt: deps.now(),
    resolvedAt: null,
  }
  if (!(await insertDispute(deps.db, dispute, by.keyId))) {
    throw new ApiError(409, `The run is ${run.status}; only a draft can be disputed`)
  }
  return dispute
}

/** The procurer accepts or rejects a dispute while the run is still a draft. */
export async function settleDispute(
  deps: Deps,
  run: FeeRun,
  disputeId: string,
  decision: { status: 'accepted' | 'rejected'; resolution: string },
): Promise<Dispute> {
  const existing = await getDispute(deps.db, disputeId)
  if (!existing || existing.runId !== run.id) throw new ApiError(404, 'No such dispute in this run')
  const resolved = await resolveDispute(deps.db, existing.id, decision.status, decision.resolution, deps.now())
  if (resolved) return resolved
  throw new ApiError(
    409,
    existing.status === 'open'
      ? `The run is ${run.status}; its disputes are closed`
      : `The dispute is already ${existing.status}`,
  )
}
