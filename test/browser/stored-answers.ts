// The answers stored for a personal link, read from the browser tests' local D1: a finished link no longer
// returns its answers through the API, so the respondent scenarios check what was saved here.
import { createHash } from 'node:crypto'
import { runWrangler } from '../../scripts/wrangler.ts'

export function storedAnswers(persistDir: string, token: string): Record<string, unknown> | null {
  const hash = createHash('sha256').update(token).digest('hex')
  const sql = `SELECT r.answers FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE i.token_hash = '${hash}'`
  const res = runWrangler(
    ['d1', 'execute', 'laatu', '--local', '--persist-to', persistDir, '--json', '--command', sql],
    {
      env: { ...process.env, CI: 'true' },
      timeout: 60_000,
    },
  )
  if (res.status !== 0) throw new Error(`d1 execute failed: ${res.stderr}`)
  const rows = JSON.parse(String(res.stdout))[0]?.results ?? []
  return rows.length ? JSON.parse(rows[0].answers) : null
}
