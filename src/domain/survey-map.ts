// A programme's survey map: which published survey version an invitation gets, by the client's customer type
// and, optionally, the episode's service type. "id" means the survey's latest published version at the time
// each invitation is issued; "id@N" pins version N.
import type { CustomerType } from '../schemas/common.ts'
import type { SurveyChoice, SurveyMap } from '../schemas/programmes.ts'

export type SurveyRef = { surveyId: string; version: number | null }

/** "cx-company@2" -> cx-company, 2; "cx-company" -> cx-company, null (the latest when issued). */
export function parseSurveyRef(ref: string): SurveyRef {
  const at = ref.indexOf('@')
  return at === -1
    ? { surveyId: ref, version: null }
    : { surveyId: ref.slice(0, at), version: Number(ref.slice(at + 1)) }
}

const defaultOf = (choice: SurveyChoice): string => (typeof choice === 'string' ? choice : choice.default)

/** The survey an episode's invitation gets: its service type's, if the map names one, else the default. */
export function surveyRefFor(map: SurveyMap, customerType: CustomerType, serviceType: string | null): string {
  const choice = map[customerType]
  if (typeof choice === 'string') return choice
  const byService = choice.byServiceType ?? {}
  // Own keys only: a service type such as "constructor" must not find Object.prototype's.
  return serviceType !== null && Object.hasOwn(byService, serviceType) ? byService[serviceType] : choice.default
}

/** The default survey id of a customer type (what the columns survey_company and survey_jobseeker keep). */
export const defaultSurveyId = (map: SurveyMap, customerType: CustomerType): string =>
  parseSurveyRef(defaultOf(map[customerType])).surveyId

/** Every survey the map names, with the request path that names it (surveys.jobseeker.byServiceType.x). */
export function surveyMapEntries(map: SurveyMap): Array<{ path: string; customerType: CustomerType; ref: string }> {
  return (['company', 'jobseeker'] as const).flatMap((customerType) => {
    const choice = map[customerType]
    const path = `surveys.${customerType}`
    if (typeof choice === 'string') return [{ path, customerType, ref: choice }]
    return [
      { path: `${path}.default`, customerType, ref: choice.default },
      ...Object.entries(choice.byServiceType ?? {}).map(([serviceType, ref]) => ({
        path: `${path}.byServiceType.${serviceType}`,
        customerType,
        ref,
      })),
    ]
  })
}
