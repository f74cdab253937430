import { sealedLinks } from '../db/invitations.ts'
import { ApiError } from '../http/errors.ts'
import { surveyUrl } from '../lib/links.ts'
import { unseal } from '../lib/seal.ts'
import type { Delivery, Deps } from './deps.ts'

/**
 * The links the procurer hands over by letter or phone: open invitations of clients without contact
 * data. A link sealed under an older secret cannot be opened; it is left out (re-issue it).
 */
export async function invitationLinks(deps: Deps, delivery: Delivery, programmeId: string, providerId: string | null) {
  const origin = delivery.origin
  if (origin === null) {
    throw new ApiError(409, 'Links cannot be built until PUBLIC_BASE_URL is set for this deployment', {
      code: 'not_configured',
    })
  }
  const rows = await sealedLinks(deps.db, programmeId, providerId, deps.now())
  const links = []
  for (const { sealedToken, ...row } of rows) {
    const token = await unseal(delivery.linkSecret, sealedToken)
    if (token) links.push({ ...row, url: surveyUrl(origin, token) })
  }
  return links
}
