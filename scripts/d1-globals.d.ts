// Scripts run on Node (with DOM types for the browser tests) but import data modules typed with the
// Workers' global D1 classes: borrow just those from the importable Workers types.
type D1Database = import('@cloudflare/workers-types/index.ts').D1Database
type D1PreparedStatement = import('@cloudflare/workers-types/index.ts').D1PreparedStatement
type D1Result<T = unknown> = import('@cloudflare/workers-types/index.ts').D1Result<T>

// scripts/bench/fees-harness.ts runs a use case of src/app: its deps name the Worker's env and its crypto
// helpers the Workers' timingSafeEqual, neither of which the harness calls.
declare namespace Cloudflare {
  type Env = { DB: D1Database; ADMIN_TOKEN: string }
}
type SendEmail = import('@cloudflare/workers-types/index.ts').SendEmail
interface SubtleCrypto {
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean
}
