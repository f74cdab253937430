import { type Context, Hono } from 'hono'
import { deliveryFrom, systemDeps } from '../app/deps.ts'
import { importEpisodes } from '../app/import-episodes.ts'
import { confirmEpisodes, rejectEpisodes } from '../app/review-episodes.ts'
import { listEpisodes } from '../db/episodes.ts'
import { invitationsForEpisodes } from '../db/invitations.ts'
import { type CsvSource, csvIssue, episodesFromCsv } from '../domain/episode-csv.ts'
import type { AppEnv } from '../env.ts'
import { ApiError, invalid, withIssues, zodIssues } from '../http/errors.ts'
import { assertProcurerOf, providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody, queryParams } from '../http/validate.ts'
import { confirmEpisodesSchema, importEpisodesSchema, rejectEpisodesSchema } from '../schemas/episodes.ts'
import { episodeListQuery } from '../schemas/queries.ts'
import { episodeView, invitationView } from '../views/episode.ts'

/** Reads an import body as JSON or CSV; both then pass the same schema. CSV keeps where each row came from. */
async function importBody(c: Context<AppEnv>): Promise<{ body: unknown; csv: CsvSource | null }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'text/csv') {
    const parsed = episodesFromCsv(await c.req.text())
    if ('issues' in parsed) throw invalid(parsed.issues, 'The CSV could not be read; see issues')
    return { body: { episodes: parsed.episodes }, csv: parsed.source }
  }
  if (/^application\/([\w.-]+\+)?json$/.test(type)) {
    try {
      return { body: await c.req.json(), csv: null }
    } catch {
      throw new ApiError(400, 'Malformed JSON in request body')
    }
  }
  throw new ApiError(415, 'Send episodes as application/json or text/csv')
}

/** Runs an import; an error about a CSV row names its line and column as the file has them. */
async function asSent<T>(csv: CsvSource | null, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (!csv || !(err instanceof ApiError) || err.issues.length === 0) throw err
    throw withIssues(err, (i) => csvIssue(i, csv))
  }
}

export const programmeEpisodeRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    if (principal.role !== 'provider') assertProcurerOf(principal, programme.id)
    const { body, csv } = await importBody(c)
    const result = await asSent(csv, async () => {
      const parsed = importEpisodesSchema.safeParse(body)
      if (!parsed.success) throw invalid(zodIssues(parsed.error))
      return importEpisodes(
        systemDeps(c.env),
        deliveryFrom(c.env, c.req.url),
        programme,
        parsed.data.episodes,
        principal,
      )
    })
    const episodes = result.episodes.map((e) => ({
      id: e.id,
      externalRef: e.externalRef,
      created: e.created,
      status: e.status,
      invitation: invitationView(e.invitation, principal.role === 'provider', e.link),
      intakeInvitation: invitationView(e.intakeInvitation, principal.role === 'provider', e.intakeLink),
    }))
    const { created, existing, pending } = result
    return c.json({ created, existing, pending, episodes }, created > 0 ? 201 : 200)
  })
  .post('/confirm', jsonBody(confirmEpisodesSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    assertProcurerOf(principal, programme.id)
    const delivery = deliveryFrom(c.env, c.req.url)
    const result = await confirmEpisodes(systemDeps(c.env), delivery, programme, c.req.valid('json'), principal)
    const episodes = result.episodes.map(({ link, intakeLink, ...e }) => ({
      ...e,
      url: link.url,
      token: link.token,
      intake: intakeLink && { url: intakeLink.url, token: intakeLink.token },
    }))
    return c.json({ confirmed: result.confirmed, episodes })
  })
  .post('/reject', jsonBody(rejectEpisodesSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    assertProcurerOf(principal, programme.id)
    return c.json(await rejectEpisodes(systemDeps(c.env), programme, c.req.valid('json'), principal))
  })
  .get('/', queryParams(episodeListQuery), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const q = c.req.valid('query')
    const own = providerScope(c.get('principal'))
    if (own !== null && q.providerId !== undefined && q.providerId !== own)
      throw new ApiError(403, 'A provider key sees only its own episodes')
    const episodes = await listEpisodes(c.env.DB, {
      programmeId: programme.id,
      providerId: own ?? q.providerId ?? null,
      status: q.status ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      after: q.after ?? null,
      limit: q.limit,
    })
    const invitations = await invitationsForEpisodes(
      c.env.DB,
      episodes.map((e) => e.id),
    )
    return c.json({
      episodes: episodes.map((e) => episodeView(e, invitations.get(e.id) ?? null, own !== null)),
      next: episodes.length === q.limit ? episodes[episodes.length - 1].id : null,
    })
  })
