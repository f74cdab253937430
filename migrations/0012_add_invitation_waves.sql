-- Waves: besides the exit survey (the one scores, rates and fees read), an episode may get an intake
-- invitation when the service starts and a follow-up invitation some days after it ends: one invitation
-- per episode and wave. SQLite cannot drop the old UNIQUE (episode_id), so invitations is rebuilt, and with
-- it the tables that refer to it (a dropped parent with rows would leave their foreign keys dangling):
-- the rows are set aside in plain copies, the old tables dropped children first, the new ones created
-- and filled parents first. Columns and constraints are as before except for invitations.wave.
PRAGMA defer_foreign_keys = on;

CREATE TABLE copy_invitations AS SELECT * FROM invitations;
CREATE TABLE copy_responses AS SELECT * FROM responses;
CREATE TABLE copy_response_items AS SELECT * FROM response_items;
CREATE TABLE copy_outbox AS SELECT * FROM outbox;

DROP TABLE response_items;
DROP TABLE outbox;
DROP TABLE responses;
DROP TABLE invitations;

CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  episode_id TEXT NOT NULL REFERENCES episodes(id),
  -- exit: the post-service survey that is scored; intake: the same scored items when the service starts
  -- (for change); followup: what happened after the service (reported outcomes), never in the quality index
  wave TEXT NOT NULL DEFAULT 'exit' CHECK (wave IN ('exit', 'intake', 'followup')),
  token_hash TEXT NOT NULL UNIQUE,
  survey_id TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'declined')),
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  opened_at TEXT,
  started_at TEXT,
  completed_at TEXT,
  declined_at TEXT,
  reissues INTEGER NOT NULL DEFAULT 0 CHECK (reissues >= 0),
  sealed_token TEXT,
  UNIQUE (episode_id, wave),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CHECK ((status = 'declined') = (declined_at IS NOT NULL))
);

CREATE TABLE responses (
  invitation_id TEXT PRIMARY KEY REFERENCES invitations(id),
  survey_id TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  answers TEXT NOT NULL CHECK (json_valid(answers)),
  completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
  scored_total INTEGER NOT NULL CHECK (scored_total >= 0),
  scored_answered INTEGER NOT NULL CHECK (scored_answered BETWEEN 0 AND scored_total),
  quality_index REAL CHECK (quality_index BETWEEN 0 AND 100),
  all_top INTEGER NOT NULL DEFAULT 0 CHECK (all_top IN (0, 1)),
  top_box INTEGER NOT NULL DEFAULT 0 CHECK (top_box IN (0, 1)),
  straight_line INTEGER NOT NULL DEFAULT 0 CHECK (straight_line IN (0, 1)),
  -- keyed hash of the respondent's /24 (IPv4) or /48 (IPv6) network, never the address itself
  net_hash TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT,
  cannot_say INTEGER NOT NULL DEFAULT 0,
  CHECK ((completed = 1) = (completed_at IS NOT NULL))
);

-- Per scored item answer of a completed response, for item statistics in SQL.
-- position is 1..points; NULL means "cannot say".
CREATE TABLE response_items (
  invitation_id TEXT NOT NULL REFERENCES responses(invitation_id),
  item TEXT NOT NULL,
  position INTEGER,
  points INTEGER NOT NULL CHECK (points BETWEEN 2 AND 11),
  CHECK (position IS NULL OR position BETWEEN 1 AND points),
  PRIMARY KEY (invitation_id, item)
) WITHOUT ROWID;

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  invitation_id TEXT NOT NULL REFERENCES invitations(id),
  kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
  -- one message per invitation, kind and issued link: re-queueing the same one is a no-op
  dedupe_key TEXT NOT NULL UNIQUE,
  recipient TEXT,
  subject TEXT,
  body TEXT,
  send_after TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  claimed_at TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms'))
);
CREATE INDEX outbox_due ON outbox (status, send_after);
CREATE INDEX outbox_invitation ON outbox (invitation_id, status);

INSERT INTO invitations (id, episode_id, wave, token_hash, survey_id, survey_version, language, status, issued_at,
  expires_at, opened_at, started_at, completed_at, declined_at, reissues, sealed_token)
SELECT id, episode_id, 'exit', token_hash, survey_id, survey_version, language, status, issued_at,
  expires_at, opened_at, started_at, completed_at, declined_at, reissues, sealed_token
FROM copy_invitations;
INSERT INTO responses (invitation_id, survey_id, survey_version, language, answers, completed, scored_total,
  scored_answered, quality_index, all_top, top_box, straight_line, net_hash, created_at, updated_at, completed_at,
  cannot_say)
SELECT invitation_id, survey_id, survey_version, language, answers, completed, scored_total,
  scored_answered, quality_index, all_top, top_box, straight_line, net_hash, created_at, updated_at, completed_at,
  cannot_say
FROM copy_responses;
INSERT INTO response_items (invitation_id, item, position, points)
SELECT invitation_id, item, position, points FROM copy_response_items;
INSERT INTO outbox (id, invitation_id, kind, dedupe_key, recipient, subject, body, send_after, status, attempts,
  next_attempt_at, last_error, claimed_at, sent_at, created_at, channel)
SELECT id, invitation_id, kind, dedupe_key, recipient, subject, body, send_after, status, attempts,
  next_attempt_at, last_error, claimed_at, sent_at, created_at, channel
FROM copy_outbox;

DROP TABLE copy_outbox;
DROP TABLE copy_response_items;
DROP TABLE copy_responses;
DROP TABLE copy_invitations;
