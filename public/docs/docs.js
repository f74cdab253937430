// Lays out /api/v1/openapi.json as an accessible reference: operations grouped by tag, then schemas.
// Plain DOM (textContent only, never innerHTML), so nothing in the document can inject markup.

const METHODS = ['get', 'post', 'put', 'patch', 'delete']
const REF = '#/components/schemas/'

/** el('p', { class: 'x' }, 'text', child) */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value)
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    node.append(typeof child === 'string' ? document.createTextNode(child) : child)
  }
  return node
}

const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
const schemaId = (name) => `schema-${slug(name)}`
const refName = (ref) => (typeof ref === 'string' && ref.startsWith(REF) ? ref.slice(REF.length) : null)
const schemaLink = (name) => el('a', { href: `#${schemaId(name)}` }, name)

/** A short human label of a schema's type: links for named schemas, "array of", unions. */
function typeOf(schema) {
  if (!schema || typeof schema !== 'object') return ['any']
  const named = refName(schema.$ref)
  if (named) return [schemaLink(named)]
  const union = schema.anyOf ?? schema.oneOf
  if (union) return join(union.map(typeOf), ' | ')
  if (schema.allOf) return join(schema.allOf.map(typeOf), ' & ')
  if ('const' in schema) return [JSON.stringify(schema.const)]
  if (schema.enum) return [schema.enum.map((v) => JSON.stringify(v)).join(' | ')]
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  if (types.includes('array')) {
    const rest = types.filter((t) => t !== 'array')
    const items = schema.prefixItems
      ? ['[', ...join(schema.prefixItems.map(typeOf), ', '), ']']
      : ['array of ', ...typeOf(schema.items)]
    return rest.length ? [...items, ` | ${rest.join(' | ')}`] : items
  }
  if (types.length === 0 && !schema.properties) return ['any']
  if (schema.properties && (types.length === 0 || types.includes('object'))) return [objectLabel(schema)]
  const label = types.join(' | ')
  return [schema.format ? `${label} (${schema.format})` : label]
}

/** Names a variant of a union by its fixed fields, e.g. object (type "quality", basis "client"). */
function objectLabel(schema) {
  const fixed = Object.entries(schema.properties).filter(([, p]) => p && 'const' in p)
  return fixed.length
    ? `object (${fixed.map(([name, p]) => `${name} ${JSON.stringify(p.const)}`).join(', ')})`
    : 'object'
}

function join(parts, separator) {
  return parts.flatMap((p, i) => (i === 0 ? p : [separator, ...p]))
}

/** Limits and defaults worth stating next to a field. */
function constraints(schema) {
  const out = []
  const add = (key, label) => schema[key] !== undefined && out.push(`${label} ${JSON.stringify(schema[key])}`)
  add('default', 'default')
  add('minLength', 'min length')
  add('maxLength', 'max length')
  if (Math.abs(schema.minimum ?? 0) < Number.MAX_SAFE_INTEGER) add('minimum', 'min')
  if (Math.abs(schema.maximum ?? 0) < Number.MAX_SAFE_INTEGER) add('maximum', 'max')
  add('minItems', 'min items')
  add('maxItems', 'max items')
  add('pattern', 'pattern')
  return out.join(', ')
}

// A table too wide for the screen scrolls in its own region, which keyboards must be able to reach.
const tableWrap = (label) => ({ class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' })

function propertiesTable(schema, caption) {
  const required = new Set(schema.required ?? [])
  const rows = Object.entries(schema.properties ?? {}).map(([name, prop]) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, el('code', {}, name)),
      el('td', {}, ...typeOf(prop)),
      el('td', {}, required.has(name) ? 'yes' : 'no'),
      el('td', {}, [prop.description, constraints(prop)].filter(Boolean).join('. ')),
    ),
  )
  return el(
    'div',
    tableWrap(caption),
    el(
      'table',
      {},
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el('tr', {}, ...['Field', 'Type', 'Required', 'Notes'].map((h) => el('th', { scope: 'col' }, h))),
      ),
      el('tbody', {}, rows),
    ),
  )
}

/** A schema in place: a link for a named one, a field table for an object, else its type. */
function schemaBlock(schema, caption) {
  if (!schema) return null
  if (schema.properties && !schema.$ref) {
    return [propertiesTable(schema, caption), jsonDetails(schema)]
  }
  return el('p', {}, 'Schema: ', ...typeOf(schema), schema.description ? ` (${schema.description})` : '')
}

function jsonDetails(schema) {
  return el(
    'details',
    {},
    el('summary', {}, 'JSON Schema'),
    el('pre', { tabindex: '0' }, el('code', {}, JSON.stringify(schema, null, 2))),
  )
}

function parametersSection(op) {
  if (!op.parameters?.length) return null
  const rows = op.parameters.map((p) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, el('code', {}, p.name)),
      el('td', {}, p.in),
      el('td', {}, ...typeOf(p.schema)),
      el('td', {}, p.required ? 'yes' : 'no'),
      el('td', {}, [p.description, constraints(p.schema ?? {})].filter(Boolean).join('. ')),
    ),
  )
  return [
    el('h4', {}, 'Parameters'),
    el(
      'div',
      tableWrap(`Parameters of ${op.operationId}`),
      el(
        'table',
        {},
        el('caption', { class: 'visually-hidden' }, `Parameters of ${op.operationId}`),
        el(
          'thead',
          {},
          el('tr', {}, ...['Name', 'In', 'Type', 'Required', 'Notes'].map((h) => el('th', { scope: 'col' }, h))),
        ),
        el('tbody', {}, rows),
      ),
    ),
  ]
}

function contentList(content, what) {
  return el(
    'ul',
    { class: 'media' },
    Object.entries(content ?? {}).map(([type, media]) =>
      el('li', {}, el('code', {}, type), ': ', schemaBlock(media.schema, `${what} (${type})`)),
    ),
  )
}

function responsesSection(op, doc) {
  const items = Object.entries(op.responses).map(([status, response]) => {
    const shared = response.$ref ? doc.components.responses[response.$ref.split('/').pop()] : response
    const kind = status < '300' ? 'ok' : status < '400' ? 'redirect' : 'error'
    return el(
      'li',
      {},
      el('strong', { class: `status status-${kind}` }, status),
      ' ',
      shared.description,
      shared.content ? contentList(shared.content, `Response ${status}`) : null,
    )
  })
  return [el('h4', {}, 'Responses'), el('ul', { class: 'responses' }, items)]
}

function operationSection(path, method, op, doc) {
  const id = `op-${op.operationId}`
  return el(
    'section',
    { class: 'operation', 'aria-labelledby': id },
    el(
      'h3',
      { id },
      el('span', { class: `method method-${method}` }, method.toUpperCase()),
      ' ',
      el('code', { class: 'path' }, path),
    ),
    el('p', { class: 'summary' }, op.summary),
    op.description ? el('p', {}, op.description) : null,
    el('p', { class: 'auth' }, op.security?.length ? 'Needs a key: Authorization: Bearer <key>.' : 'No key needed.'),
    parametersSection(op),
    op.requestBody ? [el('h4', {}, 'Request body'), contentList(op.requestBody.content, 'Request body')] : null,
    responsesSection(op, doc),
  )
}

function schemaSection(name, schema) {
  const id = schemaId(name)
  const variants = schema.oneOf ?? schema.anyOf
  return el(
    'section',
    { class: 'schema', 'aria-labelledby': id },
    el('h3', { id }, name),
    schema.description ? el('p', {}, schema.description) : null,
    schema.properties
      ? propertiesTable(schema, `Fields of ${name}`)
      : variants
        ? el(
            'ol',
            {},
            variants.map((v, i) =>
              el('li', {}, v.properties ? propertiesTable(v, `${name}, variant ${i + 1}`) : el('p', {}, ...typeOf(v))),
            ),
          )
        : el('p', {}, 'Type: ', ...typeOf(schema)),
    jsonDetails(schema),
  )
}

function render(doc) {
  const byTag = new Map(doc.tags.map((t) => [t.name, []]))
  for (const [path, item] of Object.entries(doc.paths)) {
    // In the document's own order, which lists the usual flow first (create, then read).
    for (const [method, op] of Object.entries(item)) {
      if (METHODS.includes(method)) byTag.get(op.tags?.[0])?.push([path, method, op])
    }
  }
  const toc = document.getElementById('toc')
  const out = document.getElementById('reference')
  out.append(
    el(
      'section',
      { 'aria-labelledby': 'overview' },
      el('h2', { id: 'overview' }, 'Overview'),
      el('p', {}, doc.info.description ?? ''),
      el('p', {}, 'Every error has this shape; see ', schemaLink('Error'), ':'),
      el(
        'pre',
        { tabindex: '0' },
        el(
          'code',
          {},
          '{"error": {"code": "invalid", "message": "...", "issues": [{"path": "episodes[3].endedOn", "message": "..."}]}}',
        ),
      ),
    ),
  )
  toc.append(el('li', {}, el('a', { href: '#overview' }, 'Overview')))
  let count = 0
  for (const tag of doc.tags) {
    const ops = byTag.get(tag.name)
    if (!ops?.length) continue
    const id = `tag-${slug(tag.name)}`
    count += ops.length
    toc.append(el('li', {}, el('a', { href: `#${id}` }, tag.name)))
    out.append(
      el(
        'section',
        { class: 'tag', 'aria-labelledby': id },
        el('h2', { id }, tag.name),
        tag.description ? el('p', { class: 'lead' }, tag.description) : null,
        ops.map(([path, method, op]) => operationSection(path, method, op, doc)),
      ),
    )
  }
  const schemas = Object.entries(doc.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b))
  toc.append(el('li', {}, el('a', { href: '#schemas' }, 'Schemas')))
  out.append(
    el(
      'section',
      { 'aria-labelledby': 'schemas' },
      el('h2', { id: 'schemas' }, 'Schemas'),
      schemas.map(([name, s]) => schemaSection(name, s)),
    ),
  )
  return count
}

async function main() {
  const status = document.getElementById('status')
  try {
    const res = await fetch('/api/v1/openapi.json', { headers: { accept: 'application/json' } })
    if (!res.ok) throw new Error(`the server answered ${res.status}`)
    const doc = await res.json()
    const count = render(doc)
    status.textContent = `${doc.info.title} ${doc.info.version}: ${count} operations.`
    // A link to an operation or schema works once the sections exist.
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView()
  } catch (err) {
    status.setAttribute('role', 'alert')
    status.textContent = `The API description could not be loaded (${err.message}). It is at /api/v1/openapi.json.`
  }
}

main()
