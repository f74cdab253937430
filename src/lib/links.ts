/** The public origin for links sent to respondents: configured, or else the request's own. */
export function publicOrigin(configured: string | undefined, requestUrl: string): string {
  return (configured ?? new URL(requestUrl).origin).replace(/\/+$/, '')
}

export const surveyUrl = (origin: string, token: string) => `${origin}/s/${token}`
