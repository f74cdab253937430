import type { Language } from '../schemas/common.ts'
import type { AnswerIssue, Answers, PageView, QuestionView } from '../surveys/runtime.ts'
import { texts } from './i18n.ts'
import { Layout } from './layout.tsx'

type SurveyPageProps = {
  lang: Language
  /** The respondent's token; null in an author's preview, whose form stores nothing. */
  token: string | null
  view: PageView
  answers: Answers
  issues: AnswerIssue[]
  providerName: string
  minResponses: number
  /** The intake wave's page says it is the start-of-service survey. */
  intake?: boolean
  /** Questions the respondent's last answers revealed on this page, which the page has not shown yet. */
  revealed?: string[]
}

/** The ids of a question's hint and error, for aria-describedby. */
const describedBy = (q: QuestionView) =>
  [q.description ? `${q.name}-hint` : '', q.errors.length ? `${q.name}-error` : ''].filter(Boolean).join(' ')

/** A question's hint and its errors, under its title. */
function Notes({ q }: { q: QuestionView }) {
  return (
    <>
      {q.description ? (
        <p class="hint" id={`${q.name}-hint`}>
          {q.description}
        </p>
      ) : null}
      {q.errors.length ? (
        <p class="error" id={`${q.name}-error`}>
          {q.errors.join(' ')}
        </p>
      ) : null}
    </>
  )
}

function ChoiceQuestion({ q, lang, revealed }: { q: QuestionView; lang: Language; revealed: boolean }) {
  const t = texts[lang]
  const described = describedBy(q)
  const option = (c: { value: string; text: string }, k: string) => (
    <div class="choice">
      <input type="radio" id={`${q.name}-${k}`} name={q.name} value={c.value} checked={q.value === c.value} />
      <label for={`${q.name}-${k}`}>{c.text}</label>
    </div>
  )
  return (
    <fieldset
      id={`q-${q.name}`}
      class={q.errors.length ? 'question has-error' : 'question'}
      aria-describedby={described || undefined}
      data-revealed={revealed ? '' : undefined}
    >
      <legend>
        {q.title}
        {q.isRequired ? <span class="req"> ({t.required})</span> : null}
      </legend>
      <Notes q={q} />
      <div class="choices">{q.choices.map((c, k) => option(c, String(k)))}</div>
      {q.special.length ? (
        <fieldset class="choices special" aria-label={t.cannotSay}>
          {q.special.map((c, k) => option(c, `s${k}`))}
        </fieldset>
      ) : null}
    </fieldset>
  )
}

/** The input types a text question may ask for; the browser's own date picker and number keypad help on a phone. */
const INPUT_TYPES = new Set(['text', 'number', 'date'])

function TextQuestion({ q, lang, revealed }: { q: QuestionView; lang: Language; revealed: boolean }) {
  const t = texts[lang]
  const described = describedBy(q)
  const common = { id: `q-${q.name}`, name: q.name, maxlength: q.maxLength, 'aria-describedby': described || undefined }
  return (
    <div class={q.errors.length ? 'question has-error' : 'question'} data-revealed={revealed ? '' : undefined}>
      <label for={`q-${q.name}`} class="question-title">
        {q.title}
        {q.isRequired ? <span class="req"> ({t.required})</span> : null}
      </label>
      <Notes q={q} />
      {q.type === 'comment' ? (
        <textarea {...common} rows={5}>
          {q.value ?? ''}
        </textarea>
      ) : (
        <input type={INPUT_TYPES.has(q.inputType) ? q.inputType : 'text'} {...common} value={q.value ?? ''} />
      )}
    </div>
  )
}

/** "Title: message", without a colon after a title that already ends in punctuation. */
const summaryLine = (title: string, message: string) => `${title}${/[?:.!]$/.test(title) ? '' : ':'} ${message}`

/** The form's controls: a respondent's posts its answers; a preview's only moves between pages (GET). */
function Actions({ view, lang, preview }: { view: PageView; lang: Language; preview: boolean }) {
  const t = texts[lang]
  const last = view.index === view.count - 1
  const move = (page: number) => (preview ? { name: 'page', value: String(page) } : null)
  return (
    <div class="actions">
      <button
        type="submit"
        {...(move(last ? view.index : view.index + 1) ?? { name: 'action', value: last ? 'complete' : 'next' })}
      >
        {last ? t.submit : t.next}
      </button>
      {view.index > 0 ? (
        <button type="submit" class="secondary" {...(move(view.index - 1) ?? { name: 'action', value: 'back' })}>
          {t.back}
        </button>
      ) : null}
    </div>
  )
}

/** One SurveyJS page as a plain HTML form that works without JavaScript. */
export function SurveyPage({
  lang,
  token,
  view,
  answers,
  issues,
  providerName,
  minResponses,
  intake = false,
  revealed = [],
}: SurveyPageProps) {
  const t = texts[lang]
  const preview = token === null
  const isNew = new Set(revealed)
  const titles = new Map(view.questions.map((q) => [q.name, q.title]))
  const pageIssues = issues.filter((i) => titles.has(i.question))
  return (
    <Layout
      lang={lang}
      title={`${pageIssues.length ? `${t.errorSummary}: ` : ''}${view.surveyTitle || t.title}`}
      switchQuery={`&page=${view.index}`}
      scripts={preview ? [] : ['/survey.js']}
    >
      {preview ? (
        <div class="notice preview-banner" role="note">
          <p>{t.previewBanner}</p>
        </div>
      ) : null}
      <h1>{view.surveyTitle || t.title}</h1>
      {view.index === 0 && intake ? (
        <p class="lead" id="intake-note">
          {t.intakeNote}
        </p>
      ) : null}
      {view.index === 0 && view.surveyDescription ? <p class="lead">{view.surveyDescription}</p> : null}
      <p class="progress">{t.pageOf(view.index + 1, view.count)}</p>
      {pageIssues.length ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t.errorSummary}</h2>
          <ul>
            {pageIssues.map((i) => (
              <li>
                <a href={`#q-${i.question}`}>
                  {summaryLine(titles.get(i.question)!, i.message.replace(/^answers\.[^:]+: /, ''))}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {revealed.length ? (
        <div class="revealed-notice" role="status">
          <p>
            {t.revealed(revealed.length)} <a href={`#q-${revealed[0]}`}>{t.revealedLink(revealed.length)}</a>
          </p>
        </div>
      ) : null}
      {/* A preview's form has no token and no action that stores: it only asks for another page of the preview. */}
      <form
        method={preview ? 'get' : 'post'}
        action={preview ? undefined : `/s/${token}`}
        id="survey"
        novalidate
        data-token={token ?? undefined}
        data-answers={preview ? undefined : JSON.stringify(answers)}
      >
        {preview ? null : <input type="hidden" name="page" value={String(view.index)} />}
        <input type="hidden" name="lang" value={lang} />
        {preview ? null : <input type="hidden" name="shown" value={view.questions.map((q) => q.name).join(',')} />}
        {view.title ? <h2>{view.title}</h2> : null}
        {view.description ? <p>{view.description}</p> : null}
        {view.questions.map((q) =>
          q.type === 'comment' || q.type === 'text' ? (
            <TextQuestion q={q} lang={lang} revealed={isNew.has(q.name)} />
          ) : (
            <ChoiceQuestion q={q} lang={lang} revealed={isNew.has(q.name)} />
          ),
        )}
        <Actions view={view} lang={lang} preview={preview} />
        {preview ? null : (
          <p id="save-status" role="status" aria-live="polite" data-saved={t.saved} data-offline={t.offline}></p>
        )}
      </form>
      <section aria-labelledby="privacy-title" class="note">
        <h2 id="privacy-title">{t.privacyTitle}</h2>
        <p>{t.privacy(providerName, minResponses)}</p>
      </section>
      {preview ? null : <Decline lang={lang} token={token} />}
    </Layout>
  )
}

function Decline({ lang, token }: { lang: Language; token: string }) {
  const t = texts[lang]
  return (
    <section aria-labelledby="decline-title" class="note">
      <h2 id="decline-title">{t.declineTitle}</h2>
      <p>{t.declineText}</p>
      <form method="post" action={`/s/${token}`}>
        <input type="hidden" name="lang" value={lang} />
        <button type="submit" name="action" value="decline" class="secondary">
          {t.declineButton}
        </button>
      </form>
    </section>
  )
}
