import type { Principal } from '../domain/principal.ts'
import { ApiError } from './errors.ts'

/** May read the programme's own data (providers see only their slice, enforced by each query). */
export function assertCanRead(p: Principal, programmeId: string): void {
  if (p.role === 'admin') return
  if (p.role === 'procurer' && (p.programmeId === null || p.programmeId === programmeId)) return
  if (p.role === 'provider' && p.programmeId === programmeId) return
  throw new ApiError(403, 'This key has no access to that programme')
}

/** May configure the programme: the admin or a procurer whose key covers it. */
export function assertProcurerOf(p: Principal, programmeId: string): void {
  if (p.role === 'admin') return
  if (p.role === 'procurer' && (p.programmeId === null || p.programmeId === programmeId)) return
  throw new ApiError(403, 'Only a procurer of this programme may do that')
}

/**
 * The one programme a key is bound to, or null for every programme (admin, unscoped procurer). A national key
 * has no programme at all: it is refused here, and requireKey refuses it every programme route before that.
 */
export function programmeScope(p: Principal): string | null {
  if (p.role === 'national') throw new ApiError(403, NATIONAL_ONLY)
  return p.role === 'admin' ? null : p.programmeId
}

/** What a national key is told anywhere but the national comparison. */
export const NATIONAL_ONLY = 'A national key reads only /api/v1/national/comparison'

/** The provider whose data a provider key is limited to, or null for procurers and the admin. */
export function providerScope(p: Principal): string | null {
  return p.role === 'provider' ? p.providerId : null
}
