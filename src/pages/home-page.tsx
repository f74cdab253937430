import type { Language } from '../schemas/common.ts'
import { homeTexts } from './home-i18n.ts'
import { Layout } from './layout.tsx'

type HomePageProps = {
  lang: Language
  /** What the respondent pasted, when it was not a survey link (shown back so it can be corrected). */
  refused?: string
}

/** `/`: where a respondent, the public and staff each find their way in. */
export function HomePage({ lang, refused }: HomePageProps) {
  const t = homeTexts[lang]
  const error = refused !== undefined
  return (
    <Layout lang={lang} title={`${error ? `${t.errorSummary}: ` : ''}${t.title}`}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {error ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t.errorSummary}</h2>
          <ul>
            <li>
              <a href="#survey-link">{t.linkError}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <section aria-labelledby="survey-title">
        <h2 id="survey-title">{t.surveyTitle}</h2>
        <p>{t.surveyText}</p>
        <form method="post" action={`/?lang=${lang}`} class={error ? 'question has-error' : 'question'}>
          <label for="survey-link" class="question-title">
            {t.linkLabel}
          </label>
          <p class="hint" id="survey-link-hint">
            {t.linkHint}
          </p>
          {error ? (
            <p class="error" id="survey-link-error">
              {t.linkError}
            </p>
          ) : null}
          <input
            type="text"
            id="survey-link"
            name="link"
            value={refused ?? ''}
            autocomplete="off"
            spellcheck={false}
            aria-describedby={error ? 'survey-link-hint survey-link-error' : 'survey-link-hint'}
            aria-invalid={error ? 'true' : undefined}
          />
          <div class="actions">
            <button type="submit">{t.linkButton}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="ratings-title" class="note">
        <h2 id="ratings-title">{t.ratingsTitle}</h2>
        <p>{t.ratingsText}</p>
      </section>
      <section aria-labelledby="staff-title" class="note">
        <h2 id="staff-title">{t.staffTitle}</h2>
        <p>{t.staffText}</p>
        <ul>
          <li>
            <a href="/procurer">{t.procurer}</a>
          </li>
          <li>
            <a href="/provider">{t.provider}</a>
          </li>
          <li>
            <a href="/docs" hreflang="en">
              {t.docs}
            </a>
          </li>
        </ul>
      </section>
    </Layout>
  )
}
