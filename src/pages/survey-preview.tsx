import type { Language } from '../schemas/common.ts'
import type { PageView } from '../surveys/runtime.ts'
import { texts } from './i18n.ts'
import { SurveyPage } from './survey-page.tsx'

/** The privacy note names the smallest group a provider may see: a programme sets its own, 10 by default. */
const PREVIEW_MIN_RESPONSES = 10

/** A draft's page as its respondents will see it, in the respondent's own page component, with a preview banner. */
export function surveyPreviewHtml(view: PageView, lang: Language): string {
  const page = (
    <SurveyPage
      lang={lang}
      token={null}
      view={view}
      answers={{}}
      issues={[]}
      providerName={texts[lang].previewProvider}
      minResponses={PREVIEW_MIN_RESPONSES}
    />
  )
  return `<!doctype html>${page.toString()}`
}
