// Contract prices per client and the money fields that are a share of them.
import type { Prices } from '../fee-rule.ts'
import { toCents } from '../fee-rule.ts'
import { centsOf, formatCents, trimmed } from './money.ts'

/** The most specific price: byProvider over byServiceType over default. Throws when none applies. */
export function priceCents(prices: Prices | undefined, providerId: string, serviceType: string | null): number {
  if (prices?.byProvider && Object.hasOwn(prices.byProvider, providerId)) return toCents(prices.byProvider[providerId])
  if (serviceType !== null && prices?.byServiceType && Object.hasOwn(prices.byServiceType, serviceType)) {
    return toCents(prices.byServiceType[serviceType])
  }
  if (prices?.default !== undefined) return toCents(prices.default)
  throw new RangeError(
    `no contract price for provider ${providerId}${serviceType === null ? '' : ` and service type ${serviceType}`}: the rule's prices need a default, a byProvider or a byServiceType entry`,
  )
}

export type Priced = { cents: number; text: string }

/**
 * A component's money field for one client: the amount itself, or its share of the client's contract price
 * rounded to the cent (then used like an amount).
 */
export function pricedAmount(
  amount: number | undefined,
  share: number | undefined,
  prices: Prices | undefined,
  providerId: string,
  serviceType: string | null,
): Priced {
  if (share === undefined) {
    if (amount === undefined) throw new RangeError('a component has neither an amount nor a share')
    const cents = toCents(amount)
    return { cents, text: formatCents(cents) }
  }
  const price = priceCents(prices, providerId, serviceType)
  const cents = centsOf(price, { num: share, den: 1 })
  return { cents, text: `${formatCents(cents)} (${trimmed(share * 100, 2)} % of price ${formatCents(price)})` }
}

/** For explanations: "500.00" or "25 % of the contract price". */
export function amountScope(amount: number | undefined, share: number | undefined): string {
  return share === undefined ? formatCents(toCents(amount ?? 0)) : `${trimmed(share * 100, 2)} % of the contract price`
}
