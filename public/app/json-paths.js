// Where a path such as pages[0].elements[2].choices[3] (as the API writes it) is in a JSON text, so that an
// error or a finding can select the value it is about in a textarea.

/** Where each value of a JSON text is: path (as the API writes it, components[0].perClient) -> {start, end, line}. */
export function jsonLocations(text) {
  const out = new Map()
  let i = 0
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++
  }
  const join = (path, k) =>
    /^[A-Za-z_$][\w$]*$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]`
  const str = () => {
    const start = i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(text.slice(start, i))
  }
  const value = (path) => {
    ws()
    const start = i
    const c = text[i]
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      let n = 0
      i++
      ws()
      if (text[i] === close) i++
      else {
        for (;;) {
          ws()
          if (c === '{') {
            const k = str()
            ws()
            i++
            value(join(path, k))
          } else value(`${path}[${n++}]`)
          ws()
          if (text[i++] !== ',') break
        }
      }
    } else if (c === '"') str()
    else while (i < text.length && !/[,\]}\s]/.test(text[i])) i++
    out.set(path, { start, end: i, line: text.slice(0, start).split('\n').length })
  }
  try {
    value('')
  } catch {
    // A text that does not parse has no locations.
  }
  return out
}

/** The location of a path, or of its nearest enclosing value (a missing field points at its object). */
export function locatePath(locations, path) {
  let p = path ?? ''
  while (p && !locations.has(p)) p = p.replace(/(\.[A-Za-z_$][\w$]*|\[[^\]]*\])$/, '')
  return locations.get(p) ?? null
}
