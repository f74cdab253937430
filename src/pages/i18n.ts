import type { Language } from '../schemas/common.ts'

export const LANGUAGES: Array<{ code: Language; name: string }> = [
  { code: 'fi', name: 'Suomi' },
  { code: 'sv', name: 'Svenska' },
  { code: 'en', name: 'English' },
]

const fi = {
  languageNav: 'Kieli',
  skip: 'Siirry kysymyksiin',
  pageOf: (i: number, n: number) => `Sivu ${i} / ${n}`,
  required: 'pakollinen',
  next: 'Seuraava',
  back: 'Edellinen',
  submit: 'Lähetä vastaukset',
  errorSummary: 'Tarkista vastaukset',
  declineTitle: 'Etkö halua vastata?',
  declineText: 'Voit kieltäytyä. Kieltäytyminen kirjataan, eikä sinulle lähetetä muistutuksia.',
  declineButton: 'En halua vastata kyselyyn',
  privacyTitle: 'Kuka näkee vastauksesi',
  privacy: (provider: string, min: number) =>
    `Palveluntuottaja (${provider}) näkee vain yhteenvetoja, joissa on vähintään ${min} vastausta: ei koskaan yksittäistä vastaustasi eikä sitä, kuka vastasi. Palvelun hankkija laskee vastauksista palveluntuottajan laatupalkkion.`,
  saved: 'Vastaukset tallennettu.',
  offline: 'Ei yhteyttä. Vastauksesi on tallessa tällä laitteella ja lähetetään, kun yhteys palaa.',
  thanksTitle: 'Kiitos vastauksistasi',
  thanksText: 'Vastauksesi on tallennettu. Voit sulkea sivun.',
  declinedTitle: 'Kieltäytyminen kirjattu',
  declinedText: 'Et saa tästä palvelusta enää kyselyä. Kiitos ajastasi.',
  expiredTitle: 'Kyselylinkki on vanhentunut',
  expiredText: (date: string) => `Linkki oli voimassa ${date} asti. Tähän kyselyyn ei voi enää vastata.`,
  notFoundTitle: 'Kyselyä ei löytynyt',
  notFoundText: 'Linkki on virheellinen tai se on korvattu uudella linkillä.',
  cannotSay: 'Ei arvioitavissa',
  revealed: (n: number): string =>
    n === 1
      ? 'Vastauksesi perusteella alle ilmestyi yksi kysymys lisää.'
      : `Vastauksesi perusteella alle ilmestyi ${n} kysymystä lisää.`,
  revealedLink: (n: number): string => (n === 1 ? 'Siirry uuteen kysymykseen' : 'Siirry uusiin kysymyksiin'),
  title: 'Palautekysely',
  previewBanner: 'Esikatselu – vastauksia ei tallenneta',
  previewProvider: 'palveluntuottajan nimi',
  intakeNote:
    'Tämä on palvelun alun kysely: kysymme tilannettasi nyt, kun palvelu alkaa. Palvelun päättyessä saat samat kysymykset uudelleen, jotta nähdään, mitä palvelu muutti.',
}
type Texts = typeof fi

const sv: Texts = {
  languageNav: 'Språk',
  skip: 'Gå till frågorna',
  pageOf: (i, n) => `Sida ${i} av ${n}`,
  required: 'obligatorisk',
  next: 'Nästa',
  back: 'Föregående',
  submit: 'Skicka svaren',
  errorSummary: 'Kontrollera svaren',
  declineTitle: 'Vill du inte svara?',
  declineText: 'Du kan avstå. Ditt val registreras och du får inga påminnelser.',
  declineButton: 'Jag vill inte svara på enkäten',
  privacyTitle: 'Vem ser dina svar',
  privacy: (provider, min) =>
    `Tjänsteleverantören (${provider}) ser bara sammanställningar med minst ${min} svar: aldrig ditt enskilda svar eller vem som svarade. Upphandlaren beräknar leverantörens kvalitetsarvode utifrån svaren.`,
  saved: 'Svaren har sparats.',
  offline: 'Ingen anslutning. Dina svar finns kvar på den här enheten och skickas när anslutningen är tillbaka.',
  thanksTitle: 'Tack för dina svar',
  thanksText: 'Dina svar har sparats. Du kan stänga sidan.',
  declinedTitle: 'Ditt val har registrerats',
  declinedText: 'Du får inga fler enkäter om den här tjänsten. Tack för din tid.',
  expiredTitle: 'Enkätlänken har gått ut',
  expiredText: (date) => `Länken gällde till ${date}. Det går inte längre att svara på enkäten.`,
  notFoundTitle: 'Enkäten hittades inte',
  notFoundText: 'Länken är felaktig eller har ersatts med en ny länk.',
  cannotSay: 'Kan inte bedömas',
  revealed: (n) =>
    n === 1 ? 'Utifrån ditt svar visas en fråga till nedan.' : `Utifrån ditt svar visas ${n} frågor till nedan.`,
  revealedLink: (n) => (n === 1 ? 'Gå till den nya frågan' : 'Gå till de nya frågorna'),
  title: 'Enkät',
  previewBanner: 'Förhandsvisning – svaren sparas inte',
  previewProvider: 'leverantörens namn',
  intakeNote:
    'Det här är enkäten när tjänsten börjar: vi frågar om din situation nu, när tjänsten inleds. När tjänsten slutar får du samma frågor igen, så att man ser vad tjänsten förändrade.',
}

const en: Texts = {
  languageNav: 'Language',
  skip: 'Skip to the questions',
  pageOf: (i, n) => `Page ${i} of ${n}`,
  required: 'required',
  next: 'Next',
  back: 'Back',
  submit: 'Send answers',
  errorSummary: 'Please check your answers',
  declineTitle: "Don't want to answer?",
  declineText: 'You may decline. Your choice is recorded and you will get no reminders.',
  declineButton: 'I do not want to answer this survey',
  privacyTitle: 'Who sees your answers',
  privacy: (provider, min) =>
    `The service provider (${provider}) only sees summaries of at least ${min} answers: never your individual answer or who answered. The procurer computes the provider's quality fee from the answers.`,
  saved: 'Answers saved.',
  offline: 'No connection. Your answers are kept on this device and will be sent when the connection returns.',
  thanksTitle: 'Thank you for your answers',
  thanksText: 'Your answers have been saved. You can close this page.',
  declinedTitle: 'Your choice has been recorded',
  declinedText: 'You will get no more surveys about this service. Thank you for your time.',
  expiredTitle: 'This survey link has expired',
  expiredText: (date) => `The link was valid until ${date}. This survey can no longer be answered.`,
  notFoundTitle: 'Survey not found',
  notFoundText: 'The link is wrong or has been replaced by a newer link.',
  cannotSay: 'Cannot be assessed',
  revealed: (n) =>
    n === 1
      ? 'One more question appeared below, based on your answer.'
      : `${n} more questions appeared below, based on your answer.`,
  revealedLink: (n) => (n === 1 ? 'Go to the new question' : 'Go to the new questions'),
  title: 'Feedback survey',
  previewBanner: 'Preview – answers are not saved',
  previewProvider: "the provider's name",
  intakeNote:
    'This is the start-of-service survey: it asks about your situation now, as the service begins. When the service ends you will get the same questions again, to see what the service changed.',
}

export const texts: Record<Language, Texts> = { fi, sv, en }

export function pickLanguage(requested: string | undefined, fallback: Language): Language {
  return requested === 'fi' || requested === 'sv' || requested === 'en' ? requested : fallback
}
