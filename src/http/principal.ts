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

/** The provider whose data a provider key is limited to, or null for procurers and the admin. */
export function providerScope(p: Principal): string | null {
  return p.role === 'provider' ? p.providerId : null
}
