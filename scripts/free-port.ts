import { createServer } from 'node:net'

/** A loopback port that was free a moment ago (servers of the tests, benchmarks and load test). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => (port ? ok(port) : fail(new Error('no free port'))))
    })
  })
}
