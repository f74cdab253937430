import type { Child } from 'hono/jsx'
import type { Language } from '../schemas/common.ts'
import { LANGUAGES, texts } from './i18n.ts'

type LayoutProps = {
  lang: Language
  title: string
  /** Query string kept when switching language (e.g. the current page number). */
  switchQuery?: string
  scripts?: string[]
  /** Tables of figures need more width than a survey's column of text. */
  wide?: boolean
  children: Child
}

/** A plain, light page: one stylesheet, optional deferred scripts, no inline code (the CSP forbids it). */
export function Layout({ lang, title, switchQuery = '', scripts = [], wide = false, children }: LayoutProps) {
  const t = texts[lang]
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/survey.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {scripts.map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="top">
          <nav aria-label={t.languageNav}>
            <ul class="langs">
              {LANGUAGES.map((l) => (
                <li>
                  <a
                    href={`?lang=${l.code}${switchQuery}`}
                    lang={l.code}
                    hreflang={l.code}
                    aria-current={l.code === lang ? 'true' : undefined}
                  >
                    {l.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1} class={wide ? 'wide' : undefined}>
          {children}
        </main>
      </body>
    </html>
  )
}

export function MessagePage({ lang, title, text }: { lang: Language; title: string; text: string }) {
  return (
    <Layout lang={lang} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
    </Layout>
  )
}
