import { formatDate } from '../lib/format.ts'
import type { Language } from '../schemas/common.ts'

type Message = { subject: string; body: string }
/** exit: the survey about the service; intake: the same questions as it starts; followup: what happened after it. */
export type MessageWave = 'exit' | 'intake' | 'followup'
type Texts<T> = Record<Language, (kind: 'invitation' | 'reminder', provider: string, url: string, expires: string) => T>

const exitTexts: Texts<Message> = {
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

const intakeTexts: Texts<Message> = {
  fi: (kind, provider, url, expires) => ({
    subject:
      kind === 'invitation'
        ? `Palvelusi alkaa: kerro tilanteestasi nyt (${provider})`
        : `Muistutus: alkukysely (${provider})`,
    body: `Hei,\n\npalvelusi palveluntuottajalla ${provider} alkaa. Kerro lyhyessä kyselyssä tilanteestasi nyt (noin 3 minuuttia); palvelun päättyessä kysymme samat kysymykset, jotta nähdään, mitä palvelu muutti:\n${url}\n\nLinkki on henkilökohtainen ja voimassa ${expires} asti. Palveluntuottaja näkee vain yhteenvetoja, ei yksittäistä vastaustasi. Voit myös kieltäytyä kyselyn sivulla, jolloin et saa muistutuksia.\n`,
  }),
  sv: (kind, provider, url, expires) => ({
    subject:
      kind === 'invitation'
        ? `Din tjänst börjar: berätta om din situation nu (${provider})`
        : `Påminnelse: startenkät (${provider})`,
    body: `Hej,\n\ndin tjänst hos ${provider} börjar. Berätta i en kort enkät om din situation nu (cirka 3 minuter); när tjänsten slutar ställer vi samma frågor, så att man ser vad tjänsten förändrade:\n${url}\n\nLänken är personlig och gäller till ${expires}. Tjänsteleverantören ser bara sammanställningar, aldrig ditt enskilda svar. Du kan också avstå på enkätsidan, så får du inga påminnelser.\n`,
  }),
  en: (kind, provider, url, expires) => ({
    subject:
      kind === 'invitation'
        ? `Your service is starting: tell us where you stand now (${provider})`
        : `Reminder: start-of-service survey (${provider})`,
    body: `Hello,\n\nyour service from ${provider} is starting. Please tell us in a short survey where you stand now (about 3 minutes); when the service ends we ask the same questions, to see what the service changed:\n${url}\n\nThe link is personal and valid until ${expires}. The provider only sees summaries, never your individual answer. You can also decline on the survey page, and you will get no reminders.\n`,
  }),
}

const followUpTexts: Texts<Message> = {
  fi: (kind, provider, url, expires) => ({
    subject:
      kind === 'invitation'
        ? `Mitä palvelun jälkeen tapahtui? (${provider})`
        : `Muistutus: seurantakysely (${provider})`,
    body: `Hei,\n\nsait aiemmin palvelua palveluntuottajalta ${provider}. Kysymme vielä, mitä palvelun jälkeen on tapahtunut (kolme kysymystä, noin minuutti):\n${url}\n\nLinkki on henkilökohtainen ja voimassa ${expires} asti. Palveluntuottaja ei näe yksittäistä vastaustasi. Voit myös kieltäytyä kyselyn sivulla, jolloin et saa muistutuksia.\n`,
  }),
  sv: (kind, provider, url, expires) => ({
    subject:
      kind === 'invitation' ? `Vad hände efter tjänsten? (${provider})` : `Påminnelse: uppföljningsenkät (${provider})`,
    body: `Hej,\n\ndu har tidigare fått tjänster av ${provider}. Vi frågar nu vad som har hänt efter tjänsten (tre frågor, cirka en minut):\n${url}\n\nLänken är personlig och gäller till ${expires}. Tjänsteleverantören ser aldrig ditt enskilda svar. Du kan också avstå på enkätsidan, så får du inga påminnelser.\n`,
  }),
  en: (kind, provider, url, expires) => ({
    subject:
      kind === 'invitation'
        ? `What happened after the service? (${provider})`
        : `Reminder: follow-up survey (${provider})`,
    body: `Hello,\n\nyou received a service from ${provider} some time ago. We would like to know what has happened since (three questions, about a minute):\n${url}\n\nThe link is personal and valid until ${expires}. The provider never sees your individual answer. You can also decline on the survey page, and you will get no reminders.\n`,
  }),
}

export function composeMessage(
  kind: 'invitation' | 'reminder',
  language: Language,
  provider: string,
  url: string,
  expiresAt: string,
  wave: MessageWave = 'exit',
): Message {
  const texts = { exit: exitTexts, intake: intakeTexts, followup: followUpTexts }[wave]
  return texts[language](kind, provider, url, formatDate(expiresAt, language))
}

/** A provider name in a text message: long names are cut so the message stays short. */
const SMS_PROVIDER_CHARS = 40
const shortName = (provider: string) =>
  provider.length > SMS_PROVIDER_CHARS ? `${provider.slice(0, SMS_PROVIDER_CHARS - 1).trimEnd()}…` : provider

const smsTexts: Texts<string> = {
  fi: (kind, provider, url, expires) =>
    kind === 'invitation'
      ? `Sait palvelua: ${provider}. Vastaa lyhyeen kyselyyn (n. 3 min): ${url} Henkilökohtainen linkki, voimassa ${expires} asti. Voit myös kieltäytyä linkin kautta.`
      : `Muistutus: kysely palvelusta (${provider}), n. 3 min: ${url} Voimassa ${expires} asti. Voit myös kieltäytyä linkin kautta.`,
  sv: (kind, provider, url, expires) =>
    kind === 'invitation'
      ? `Du har fått tjänster av ${provider}. Svara på en kort enkät (ca 3 min): ${url} Personlig länk, gäller till ${expires}. Du kan också avstå via länken.`
      : `Påminnelse: enkät om tjänsten (${provider}), ca 3 min: ${url} Gäller till ${expires}. Du kan också avstå via länken.`,
  en: (kind, provider, url, expires) =>
    kind === 'invitation'
      ? `You received a service from ${provider}. Please answer a short survey (about 3 min): ${url} Personal link, valid until ${expires}. You can also decline via the link.`
      : `Reminder: survey about your service (${provider}), about 3 min: ${url} Valid until ${expires}. You can also decline via the link.`,
}

const intakeSmsTexts: Texts<string> = {
  fi: (kind, provider, url, expires) =>
    `${kind === 'invitation' ? '' : 'Muistutus: '}Palvelusi alkaa (${provider}). Kerro tilanteestasi nyt (n. 3 min): ${url} Henkilökohtainen linkki, voimassa ${expires} asti. Voit myös kieltäytyä linkin kautta.`,
  sv: (kind, provider, url, expires) =>
    `${kind === 'invitation' ? '' : 'Påminnelse: '}Din tjänst börjar (${provider}). Berätta om din situation nu (ca 3 min): ${url} Personlig länk, gäller till ${expires}. Du kan också avstå via länken.`,
  en: (kind, provider, url, expires) =>
    `${kind === 'invitation' ? '' : 'Reminder: '}Your service is starting (${provider}). Tell us where you stand now (about 3 min): ${url} Personal link, valid until ${expires}. You can also decline via the link.`,
}

const followUpSmsTexts: Texts<string> = {
  fi: (kind, provider, url, expires) =>
    `${kind === 'invitation' ? '' : 'Muistutus: '}Mitä palvelun (${provider}) jälkeen tapahtui? 3 kysymystä: ${url} Henkilökohtainen linkki, voimassa ${expires} asti. Voit myös kieltäytyä linkin kautta.`,
  sv: (kind, provider, url, expires) =>
    `${kind === 'invitation' ? '' : 'Påminnelse: '}Vad hände efter tjänsten (${provider})? 3 frågor: ${url} Personlig länk, gäller till ${expires}. Du kan också avstå via länken.`,
  en: (kind, provider, url, expires) =>
    `${kind === 'invitation' ? '' : 'Reminder: '}What happened after your service (${provider})? 3 questions: ${url} Personal link, valid until ${expires}. You can also decline via the link.`,
}

/**
 * The text message for a respondent who gave only a phone number: one short paragraph, link included,
 * under 300 characters with a 40-character provider name and a ~90-character link.
 */
export function composeSms(
  kind: 'invitation' | 'reminder',
  language: Language,
  provider: string,
  url: string,
  expiresAt: string,
  wave: MessageWave = 'exit',
): string {
  const texts = { exit: smsTexts, intake: intakeSmsTexts, followup: followUpSmsTexts }[wave]
  return texts[language](kind, shortName(provider), url, formatDate(expiresAt, language))
}
