import { z } from 'zod'
import { isoDate } from '../schemas/common.ts'

export type JsonSchema = Record<string, unknown>

export const schemaRef = (id: string) => `#/components/schemas/${id}`

type OverrideContext = { zodSchema: unknown; jsonSchema: JsonSchema }

const options = {
  // Request bodies are documented as a client may send them: defaulted fields are optional.
  io: 'input',
  // z.unknown() and refinements have no JSON Schema form; they are left open rather than failing.
  unrepresentable: 'any',
  // The shared date is a refined string zod cannot describe; the format says what it checks.
  override: (ctx: OverrideContext) => {
    if (ctx.zodSchema === isoDate) ctx.jsonSchema.format = 'date'
  },
} as const

/** An embedded schema needs no dialect of its own: the document's OpenAPI 3.1 dialect applies. */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema
  return rest
}

/** Every schema of a registry under its id, with references between them as component refs. */
export function registrySchemas(registry: z.core.$ZodRegistry<{ id: string }>): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { ...options, uri: schemaRef })
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, embedded(s as JsonSchema)]))
}

/** One schema written out in full (query objects, which become one parameter per property). */
export function inlineSchema(schema: z.ZodType): JsonSchema {
  return embedded(z.toJSONSchema(schema, options) as JsonSchema)
}

export type QueryParameter = { name: string; in: 'query'; required: boolean; schema: JsonSchema; description?: string }

/** Query parameters from the zod object the route validates its query with. */
export function queryParameters(schema: z.ZodType): QueryParameter[] {
  const json = inlineSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: 'query',
      required: json.required?.includes(name) ?? false,
      schema: rest,
      ...(typeof description === 'string' ? { description } : {}),
    }
  })
}
