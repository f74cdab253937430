import { ALPHA } from '../domain/comparisons.ts'
import type { OfferedPeriod } from '../domain/periods.ts'
import type { ScoreRow } from '../domain/scores.ts'
import type { SeriesShown } from '../domain/series.ts'
import { formatDate, formatNumber, formatPercent } from '../lib/format.ts'
import type { Language } from '../schemas/common.ts'
import { Layout } from './layout.tsx'
import { ratingTexts } from './ratings-i18n.ts'

type RatingsPageProps = {
  lang: Language
  programme: { name: string; minResponses: number; linkCustody: 'laatu' | 'provider' }
  programmeMean: number | null
  /** The prior weight k of the weighted index, or null when it is not shown. */
  priorWeight: number | null
  period: { from: string; to: string }
  /** The period asked for (2027-03, 2027-Q1, 2027), or null for the last 12 whole months. */
  selected: string | null
  /** What the page offers: the last 12 whole months, the last whole quarter and year. */
  offered: OfferedPeriod[]
  providers: ScoreRow[]
  /** The survey series the figures come from (one per survey) and the series left out. */
  series: SeriesShown[]
  otherSeries: SeriesShown[]
  /** The series parameter asked for, or null for the default. */
  selectedSeries: string | null
}

/** Versions as read aloud: a run 1–3, a single 2, or a list 1, 3. */
function versionsText(versions: number[]): string {
  const run = versions.every((v, k) => v === versions[0] + k)
  return run && versions.length > 1 ? `${versions[0]}–${versions.at(-1)}` : versions.join(', ')
}

function periodName(p: OfferedPeriod, lang: Language): string {
  if (p.kind === 'year') return p.period
  if (p.kind === 'quarter') return p.period.replace('-', ' ')
  const month = new Date(`${p.from}T00:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : `${lang}-FI`, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return month
}

function note(p: ScoreRow, lang: Language, minResponses: number): string {
  const t = ratingTexts[lang]
  if (p.publication === 'too_few_answers') return t.tooFew(minResponses)
  const comparison = p.comparison === 'above' ? t.above : p.comparison === 'below' ? t.below : t.same
  const test = p.comparisonTest
  // Said aloud so a reader who could compute the p-value does not take the difference for a finding.
  const corrected = test && test.p < ALPHA && test.pAdjusted >= ALPHA ? ` ${t.notAfterCorrection(test.family)}` : ''
  const spread = p.qualityIndex.intervalBasis === 'programme_sd' ? ` ${t.programmeSpread}` : ''
  return `${p.publication === 'caution' ? `${t.caution}. ` : ''}${comparison}.${corrected}${spread}`
}

/** The public face of a programme: every provider side by side, the method in plain words, a chart. */
export function RatingsPage({
  lang,
  programme,
  programmeMean,
  priorWeight,
  period,
  selected,
  offered,
  providers,
  series,
  otherSeries,
  selectedSeries,
}: RatingsPageProps) {
  const t = ratingTexts[lang]
  const periodQuery = selected ? `&period=${selected}` : ''
  const rated = providers.filter((p) => p.stars !== null)
  const chart = {
    title: t.chartTitle,
    labels: rated.map((p) => p.name),
    values: rated.map((p) => Math.round((p.qualityIndex.shrunk ?? 0) * 10) / 10),
    // The interval of the same (weighted) index, drawn as a floating bar behind its point.
    intervals: rated.map((p) =>
      p.qualityIndex.shrunkCi95 ? p.qualityIndex.shrunkCi95.map((x) => Math.round(x * 10) / 10) : null,
    ),
    valueLabel: t.shrunk,
    intervalLabel: t.shrunkInterval,
    mean: programmeMean === null ? null : Math.round(programmeMean * 10) / 10,
    meanLabel: t.programmeMean(formatNumber(programmeMean, lang)),
  }
  return (
    <Layout
      lang={lang}
      title={t.title(programme.name)}
      switchQuery={`${periodQuery}${selectedSeries ? `&series=${selectedSeries}` : ''}`}
      scripts={['/vendor/chart.umd.min.js', '/ratings.js']}
      wide
    >
      <h1>{t.title(programme.name)}</h1>
      <p class="lead">{t.intro}</p>
      {programme.linkCustody === 'provider' && (
        <p class="notice">
          <strong>{t.providerCustodyTitle}</strong> {t.providerCustody}
        </p>
      )}
      <p>{t.period(formatDate(period.from, lang), formatDate(period.to, lang))}</p>
      {/* Which survey versions the figures pool, and the answers to other series they leave out. */}
      {series.map((s) => (
        <p class="series">{t.series(versionsText(s.versions), s.versions.length > 1, s.surveyId)}</p>
      ))}
      {otherSeries
        .filter((s) => s.answers > 0)
        .map((s) => (
          <p class="series other-series">
            {t.otherSeries(s.answers, versionsText(s.versions), s.versions.length > 1, s.surveyId)}{' '}
            <a href={`?lang=${lang}${periodQuery}&series=${s.surveyId}@${s.from}`}>{t.showSeries}</a>
          </p>
        ))}
      {/* Whole months, the last whole quarter and year only: nothing finer reaches the public. */}
      <form method="get" class="period-picker">
        <input type="hidden" name="lang" value={lang} />
        {selectedSeries && <input type="hidden" name="series" value={selectedSeries} />}
        <label for="period">{t.periodLabel}</label>{' '}
        <select id="period" name="period">
          <option value="" selected={selected === null}>
            {t.periodLast12}
          </option>
          {offered.map((p) => (
            <option value={p.period} selected={p.period === selected}>
              {periodName(p, lang)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t.periodShow}</button>
      </form>
      <p id="weighted-explained">
        {t.weightedExplained}
        {priorWeight !== null && ` ${t.weightNow(formatNumber(priorWeight, lang))}`}
      </p>
      {/* A real table on wide screens; below 40rem each row is a card whose cells carry their column
          names (data-label), so the answers, the response rate and the interval never scroll out of view. */}
      <section class="table-wrap" aria-labelledby="ratings-caption" tabindex={0}>
        <table class="ratings card-rows" aria-describedby="weighted-explained">
          <caption id="ratings-caption">{t.chartTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.provider}</th>
              <th scope="col">{t.stars}</th>
              <th scope="col">{t.shrunk}</th>
              <th scope="col">{t.shrunkInterval}</th>
              <th scope="col">{t.answers}</th>
              <th scope="col">{t.rate}</th>
              <th scope="col">{t.note}</th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr>
                <th scope="row">{p.name}</th>
                <td data-label={t.stars}>
                  {p.stars === null ? (
                    '–'
                  ) : (
                    <span class="stars" role="img" aria-label={t.starsOf(p.stars)}>
                      <span aria-hidden="true">
                        {'★'.repeat(Math.floor(p.stars))}
                        {p.stars % 1 ? '½' : ''}
                      </span>{' '}
                      {formatNumber(p.stars, lang)}
                    </span>
                  )}
                </td>
                <td data-label={t.shrunk} class="figure">
                  {formatNumber(p.qualityIndex.shrunk, lang)}
                </td>
                <td data-label={t.shrunkInterval} class="interval">
                  {p.qualityIndex.shrunkCi95
                    ? `${formatNumber(p.qualityIndex.shrunkCi95[0], lang)} – ${formatNumber(p.qualityIndex.shrunkCi95[1], lang)}`
                    : '–'}
                </td>
                <td data-label={t.answers} class="answers">
                  {p.responses}
                </td>
                <td data-label={t.rate} class="rate">
                  {formatPercent(p.responseRate, lang)}
                </td>
                <td data-label={t.note}>
                  <div>
                    {note(p, lang, programme.minResponses)}
                    {p.qualityIndex.mean !== null && (
                      <span class="raw">
                        {t.rawFigure(
                          formatNumber(p.qualityIndex.mean, lang),
                          p.qualityIndex.ci95 ? formatNumber(p.qualityIndex.ci95[0], lang) : null,
                          p.qualityIndex.ci95 ? formatNumber(p.qualityIndex.ci95[1], lang) : null,
                        )}
                      </span>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p>{t.programmeMean(formatNumber(programmeMean, lang))}</p>
      <figure class="chart">
        <canvas id="ratings-chart" role="img" aria-label={t.chartTitle} height="320"></canvas>
        <figcaption>{t.chartTitle}</figcaption>
      </figure>
      {/* Data, not code (the CSP blocks inline scripts, not JSON); "<" is escaped so it cannot close the tag. */}
      <script
        type="application/json"
        id="ratings-data"
        dangerouslySetInnerHTML={{ __html: JSON.stringify(chart).replace(/</g, '\\u003c') }}
      ></script>
      <section aria-labelledby="method-title" class="note">
        <h2 id="method-title">{t.methodTitle}</h2>
        {t.method.map((para) => (
          <p>{para}</p>
        ))}
      </section>
    </Layout>
  )
}
