// Scripts run on Node (with DOM types for the browser tests) but import data modules typed with the
// Workers' global D1 classes: borrow just those from the importable Workers types.
type D1Database = import('@cloudflare/workers-types/index.ts').D1Database
type D1PreparedStatement = import('@cloudflare/workers-types/index.ts').D1PreparedStatement
type D1Result<T = unknown> = import('@cloudflare/workers-types/index.ts').D1Result<T>
