import type { Context } from 'hono'
import { type CsvValue, csvLines, toCsv } from '../lib/csv.ts'

// A UTF-8 byte-order mark so spreadsheets read ä, ö and å right.
const BOM = '\uFEFF'

/** The headers of a CSV download; never cached, since every export is someone's data. */
function csvHeaders(c: Context, name: string) {
  c.header('content-type', 'text/csv; charset=utf-8')
  c.header('content-disposition', `attachment; filename="${name}"`)
  c.header('cache-control', 'no-store')
}

/** A CSV download built in memory (small exports). */
export function csvResponse(c: Context, name: string, header: string[], rows: CsvValue[][]) {
  csvHeaders(c, name)
  return c.body(`${BOM}${toCsv(header, rows)}`)
}

/**
 * A CSV download streamed one page of rows at a time, so that memory stays bounded by a page whatever the
 * export's size: the header goes first, then each page as the client reads on.
 */
export function csvStreamResponse(c: Context, name: string, header: string[], pages: AsyncIterable<CsvValue[][]>) {
  const encoder = new TextEncoder()
  const iterator = pages[Symbol.asyncIterator]()
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${BOM}${csvLines([header])}`))
    },
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(csvLines(next.value)))
    },
    async cancel() {
      await iterator.return?.()
    },
  })
  csvHeaders(c, name)
  return c.body(stream)
}
