import type { Language } from '../schemas/common.ts'

type Message = { subject: string; body: string }

const texts: Record<
  Language,
  (kind: 'invitation' | 'reminder', provider: string, url: string, expires: string) => Message
> = {
  fi: (kind, provider, url, expires) => ({
    subject:
      kind === 'invitation'
        ? `Kerro, mitä palvelusta jäi käteen (${provider})`
        : `Muistutus: palautekysely (${provider})`,
    body: `Hei,\n\nsait palvelua palveluntuottajalta ${provider}. Vastaa lyhyeen kyselyyn (noin 3 minuuttia):\n${url}\n\nLinkki on henkilökohtainen ja voimassa ${expires} asti. Palveluntuottaja näkee vain yhteenvetoja, ei yksittäistä vastaustasi. Voit myös kieltäytyä kyselyn sivulla, jolloin et saa muistutuksia.\n`,
  }),
  sv: (kind, provider, url, expires) => ({
    subject: kind === 'invitation' ? `Berätta vad tjänsten gav dig (${provider})` : `Påminnelse: enkät (${provider})`,
    body: `Hej,\n\ndu har fått tjänster av ${provider}. Svara på en kort enkät (cirka 3 minuter):\n${url}\n\nLänken är personlig och gäller till ${expires}. Tjänsteleverantören ser bara sammanställningar, aldrig ditt enskilda svar. Du kan också avstå på enkätsidan, så får du inga påminnelser.\n`,
  }),
  en: (kind, provider, url, expires) => ({
    subject:
      kind === 'invitation'
        ? `Tell us what the service gave you (${provider})`
        : `Reminder: feedback survey (${provider})`,
    body: `Hello,\n\nyou received a service from ${provider}. Please answer a short survey (about 3 minutes):\n${url}\n\nThe link is personal and valid until ${expires}. The provider only sees summaries, never your individual answer. You can also decline on the survey page, and you will get no reminders.\n`,
  }),
}

export function composeMessage(
  kind: 'invitation' | 'reminder',
  language: Language,
  provider: string,
  url: string,
  expiresAt: string,
): Message {
  return texts[language](kind, provider, url, expiresAt.slice(0, 10))
}
