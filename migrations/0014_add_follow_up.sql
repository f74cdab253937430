-- Follow-up surveys for outcomes (issue 15): a programme may send each confirmed episode a second personal
-- invitation (wave 'followup') follow_up_days after the service ended, asking what happened. Its answers become
-- reported outcomes, which the procurer confirms (then they are outcomes that result components pay) or rejects.

-- NULL: no follow-up. The survey is a published survey id; its latest version is used when the invitation is made.
ALTER TABLE programmes ADD COLUMN follow_up_days INTEGER CHECK (follow_up_days IS NULL OR follow_up_days BETWEEN 1 AND 730);
ALTER TABLE programmes ADD COLUMN follow_up_survey TEXT NOT NULL DEFAULT 'outcome-followup';

-- What a completed follow-up response says happened, written in the same transaction as the completion; at most
-- one per invitation and outcome type. Confirming one writes the outcome (outcomes' UNIQUE keeps it once).
CREATE TABLE reported_outcomes (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  episode_id TEXT NOT NULL REFERENCES episodes(id),
  invitation_id TEXT NOT NULL REFERENCES invitations(id),
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 50),
  occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  value REAL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
  reviewed_by_key TEXT,
  reviewed_at TEXT,
  created_at TEXT NOT NULL,
  CHECK ((status = 'pending') = (reviewed_at IS NULL)),
  UNIQUE (invitation_id, type)
);
CREATE INDEX reported_outcomes_queue ON reported_outcomes (programme_id, status, created_at);

-- The built-in follow-up template (surveys/outcome-followup/v1.json). Its questions ask a company about hiring
-- (the national model's recruitment fee), so it is a company survey: follow-ups go to the episodes whose customer
-- type is the follow-up survey's (a job seeker programme needs a jobseeker follow-up survey of its own).
INSERT INTO surveys (id, title, customer_type, builtin, created_at) VALUES ('outcome-followup', 'Seurantakysely: mitä palvelun jälkeen tapahtui', 'company', 1, '2026-12-02T00:00:00.000Z');
INSERT INTO survey_versions (survey_id, version, definition, comparable_to, series, published_at) VALUES ('outcome-followup', 1, '{"locale":"fi","title":{"fi":"Seurantakysely: mitä palvelun jälkeen tapahtui","sv":"Uppföljningsenkät: vad hände efter tjänsten","en":"Follow-up survey: what happened after the service"},"description":{"fi":"Kysymme kolme asiaa siitä, mitä palvelun päättymisen jälkeen on tapahtunut. Vastauksesi tarkistetaan ennen kuin sitä käytetään palveluntuottajan palkkion laskemiseen. Palveluntuottaja ei näe yksittäistä vastaustasi.","sv":"Vi ställer tre frågor om vad som har hänt sedan tjänsten avslutades. Ditt svar kontrolleras innan det används för att räkna ut tjänsteleverantörens arvode. Tjänsteleverantören ser inte ditt enskilda svar.","en":"We ask three questions about what has happened since the service ended. Your answer is checked before it is used to calculate the provider''s fee. The provider does not see your individual answer."},"pages":[{"name":"recruitment","elements":[{"type":"boolean","name":"recruited","reportsOutcome":"recruitment","title":{"fi":"Onko yrityksesi palkannut työntekijän palvelun päättymisen jälkeen?","sv":"Har ditt företag anställt en person efter att tjänsten avslutades?","en":"Has your company hired an employee since the service ended?"},"labelTrue":{"fi":"Kyllä, olemme palkanneet työntekijän","sv":"Ja, vi har anställt en person","en":"Yes, we have hired an employee"},"labelFalse":{"fi":"Ei, emme ole palkanneet ketään","sv":"Nej, vi har inte anställt någon","en":"No, we have not hired anyone"},"isRequired":true},{"type":"text","inputType":"number","name":"weekly_hours","reportsOutcome":"recruitment.value","outcomeValueDivisor":37.5,"visibleIf":"{recruited} = true","isRequired":true,"title":{"fi":"Montako tuntia viikossa uusi työntekijä tekee työtä?","sv":"Hur många timmar i veckan arbetar den nya anställda?","en":"How many hours a week does the new employee work?"},"description":{"fi":"Sovittu työaika tunteina viikossa, esimerkiksi 37,5 kokoaikatyössä. Jos palkkasit useamman, laske tunnit yhteen.","sv":"Den avtalade arbetstiden i timmar per vecka, till exempel 37,5 på heltid. Om du anställde flera, räkna ihop timmarna.","en":"The agreed working time in hours a week, for example 37.5 for full time. If you hired more than one person, add their hours up."},"validators":[{"type":"numeric","minValue":1,"maxValue":400,"text":{"fi":"Anna tuntimäärä väliltä 1–400.","sv":"Ange ett antal timmar mellan 1 och 400.","en":"Give a number of hours from 1 to 400."}}]},{"type":"text","inputType":"date","name":"start_date","reportsOutcome":"recruitment.occurredOn","visibleIf":"{recruited} = true","isRequired":true,"title":{"fi":"Minä päivänä työsuhde alkoi?","sv":"Vilken dag började anställningen?","en":"On which day did the employment start?"},"description":{"fi":"Muodossa vvvv-kk-pp, esimerkiksi 2027-03-31.","sv":"I formatet åååå-mm-dd, till exempel 2027-03-31.","en":"As yyyy-mm-dd, for example 2027-03-31."},"validators":[{"type":"regex","regex":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$","text":{"fi":"Anna päivämäärä muodossa vvvv-kk-pp.","sv":"Ange datumet i formatet åååå-mm-dd.","en":"Give the date as yyyy-mm-dd."}}]}]}]}', NULL, 1, '2026-12-02T00:00:00.000Z');
