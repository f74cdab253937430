import type { Language } from '../schemas/common.ts'

const fi = {
  title: 'Laatu: palaute julkisista palveluista',
  lead: 'Laatu kerää asiakkaiden palautetta palveluista, jotka kunta tai hyvinvointialue on hankkinut palveluntuottajalta, ja laskee siitä palveluntuottajien laatuarviot.',
  surveyTitle: 'Vastaatko kyselyyn?',
  surveyText:
    'Kyselylinkki tuli sinulle sähköpostilla tai tekstiviestillä. Linkki on henkilökohtainen: se avaa vain sinun kyselysi, joten älä jaa sitä. Helpointa on avata linkki suoraan viestistä.',
  linkLabel: 'Kyselylinkki tai koodi',
  linkHint: 'Liitä koko linkki viestistä tai pelkkä koodi linkin lopusta (43 merkkiä).',
  linkButton: 'Avaa kysely',
  linkError: 'Tämä ei ole kyselylinkki. Kopioi koko linkki viestistä ja liitä se uudelleen.',
  errorSummary: 'Tarkista linkki',
  ratingsTitle: 'Palveluntuottajien arviot',
  ratingsText:
    'Kunkin palvelun arviot julkaistaan omalla sivullaan, kun vastauksia on tarpeeksi. Linkin arviosivulle löydät palvelun hankkineen kunnan tai hyvinvointialueen verkkosivuilta.',
  staffTitle: 'Hankkijoille ja palveluntuottajille',
  staffText: 'Kirjaudu avaimella, jonka olet saanut ylläpitäjältä tai palvelun hankkijalta.',
  procurer: 'Hankkijan näkymä',
  provider: 'Palveluntuottajan näkymä',
  docs: 'Rajapinnan kuvaus (englanniksi)',
}
type Texts = typeof fi

const sv: Texts = {
  title: 'Laatu: respons på offentliga tjänster',
  lead: 'Laatu samlar in kundernas respons på tjänster som en kommun eller ett välfärdsområde har upphandlat av en tjänsteleverantör, och beräknar leverantörernas kvalitetsbedömningar utifrån den.',
  surveyTitle: 'Ska du svara på en enkät?',
  surveyText:
    'Du fick enkätlänken per e-post eller sms. Länken är personlig: den öppnar bara din enkät, så dela den inte. Enklast är att öppna länken direkt från meddelandet.',
  linkLabel: 'Enkätlänk eller kod',
  linkHint: 'Klistra in hela länken från meddelandet eller bara koden i slutet av länken (43 tecken).',
  linkButton: 'Öppna enkäten',
  linkError: 'Det här är ingen enkätlänk. Kopiera hela länken från meddelandet och klistra in den igen.',
  errorSummary: 'Kontrollera länken',
  ratingsTitle: 'Leverantörernas bedömningar',
  ratingsText:
    'Bedömningarna för varje tjänst publiceras på en egen sida när det finns tillräckligt många svar. Länken till sidan finns på webbplatsen för den kommun eller det välfärdsområde som upphandlat tjänsten.',
  staffTitle: 'För upphandlare och tjänsteleverantörer',
  staffText: 'Logga in med den nyckel du har fått av administratören eller upphandlaren.',
  procurer: 'Upphandlarens vy',
  provider: 'Tjänsteleverantörens vy',
  docs: 'Beskrivning av gränssnittet (på engelska)',
}

const en: Texts = {
  title: 'Laatu: feedback on publicly procured services',
  lead: 'Laatu collects what clients say about services that a municipality or wellbeing services county has procured from a provider, and turns it into quality ratings of the providers.',
  surveyTitle: 'Answering a survey?',
  surveyText:
    'Your survey link came by email or text message. The link is personal: it opens only your survey, so do not share it. The easiest way is to open the link straight from the message.',
  linkLabel: 'Survey link or code',
  linkHint: 'Paste the whole link from the message, or just the code at the end of it (43 characters).',
  linkButton: 'Open the survey',
  linkError: 'This is not a survey link. Copy the whole link from the message and paste it again.',
  errorSummary: 'Check the link',
  ratingsTitle: 'Ratings of the providers',
  ratingsText:
    "Each service's ratings are published on a page of their own once there are enough answers. You find the link to that page on the website of the municipality or wellbeing services county that procured the service.",
  staffTitle: 'For procurers and providers',
  staffText: 'Sign in with the key you were given by the administrator or the procurer.',
  procurer: 'Procurer view',
  provider: 'Provider view',
  docs: 'API reference',
}

export const homeTexts: Record<Language, Texts> = { fi, sv, en }
