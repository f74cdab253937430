// Palkkiolaskelman ja simuloinnin tekstit siitä, mikä indeksi luku on (fi): ladataan vain niiden näkymien
// kanssa, jotta kirjautumissivu pysyy kevyenä.
export default {
  answersMean: 'Vastausten keskiarvo (painottamaton)',
  answersMeanExplained:
    'Vastausten keskiarvo: niiden asiakkaiden pisteytettyjen vastausten painottamaton laatuindeksin (0–100) keskiarvo, joiden palvelu päättyi kaudella. Laatuosa voi maksaa omalla indeksillään; sen selitys kertoo millä.',
  owedByComponent: 'Ansaittu palkkion osittain',
  answersMeanOf: (n) =>
    `${n} pisteytetyn vastauksesi painottamaton keskiarvo; vastaajat ovat asiakkaita, joiden palvelu päättyi kaudella.`,
  answersMeanNoCi:
    'Sen luottamusväli ja tähdet lasketaan vain kokonaisille kuukausille, neljännesvuosille ja vuosille, ja tämä laskenta kattaa muun jakson: ks. yleiskuva.',
  answersMeanChanged: (n) =>
    `Luottamusväliä ei näytetä: sinulle näkyvät kauden luvut perustuvat eri vastauksiin kuin tämä laskenta (palveluntuottajille vastaukset näkyvät vain ${n} vastauksen ryhminä, ja myöhemmät vastaukset lasketaan mukaan); ks. yleiskuva.`,
  starsFromWeighted: (s, a, b) =>
    `Painotetusta indeksistä ${s} (95 %:n luottamusväli ${a} – ${b}): keskiarvo painotettuna kohti ohjelman keskiarvoa, koska vastauksia on vähän.`,
  feeIndexIs: (component, index, base) =>
    `${component} ei maksa tämän keskiarvon vaan oman palkkioindeksinsä mukaan: ${index}, ${base}; osan selitys alla kertoo luvun.`,
  feeIndex_shrunk: 'painotettu kohti muun ohjelman keskiarvoa, koska vastauksia on vähän',
  feeIndex_raw: 'painottamaton',
  feeIndex_adjusted: 'asiakasrakenteella vakioitu',
  feeBase_zero: 'kaikista päättyneistä kutsuista, vastaamatta jättänyt nollana',
  feeBase_respondentMean: 'vain vastauksista',
  expectedShort: (m) => `odotusarvo ${m}`,
}
