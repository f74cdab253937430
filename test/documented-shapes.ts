// Checks API bodies against the shapes the OpenAPI document gives them, with every documented object closed,
// so a field a route adds without documenting it fails.
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'
import type { Json } from './helpers.ts'

function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed)
  if (!node || typeof node !== 'object') return node
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]))
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false
  return out
}

/** A checker for the document's components: `check('Diagnostics', body)` fails the test on any mismatch. */
export function documentedShapes(doc: Json): (name: string, body: unknown) => void {
  const ajv = new Ajv2020({ strict: false })
  addFormats(ajv)
  ajv.addSchema({ $id: 'laatu', components: closed(doc.components) })
  return (name, body) => {
    const validate = ajv.getSchema(`laatu#/components/schemas/${name}`)
    if (!validate) throw new Error(`no documented shape ${name}`)
    expect(validate(body), `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`).toBe(true)
  }
}
