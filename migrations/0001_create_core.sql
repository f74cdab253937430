-- Laatu core data model. Dates are ISO strings: days as YYYY-MM-DD, instants as
-- YYYY-MM-DDTHH:MM:SS.sssZ, so text order is time order and indexes serve ranges.

CREATE TABLE programmes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  region TEXT NOT NULL CHECK (length(region) BETWEEN 1 AND 200),
  currency TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  survey_company TEXT NOT NULL,
  survey_jobseeker TEXT NOT NULL,
  -- publication settings (minResponses, cautionBelow, minGroup, priorWeight) as validated JSON
  publication TEXT NOT NULL CHECK (json_valid(publication)),
  invitation_days INTEGER NOT NULL CHECK (invitation_days BETWEEN 1 AND 365),
  created_at TEXT NOT NULL
);

-- Fee rules are versioned and never edited in place: a change is a new row.
CREATE TABLE fee_rules (
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  rule TEXT NOT NULL CHECK (json_valid(rule)),
  created_at TEXT NOT NULL,
  created_by TEXT,
  PRIMARY KEY (programme_id, version)
) WITHOUT ROWID;

CREATE TABLE providers (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  business_id TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (programme_id, name)
);
CREATE UNIQUE INDEX providers_business_id ON providers (programme_id, business_id)
  WHERE business_id IS NOT NULL;

-- Only the SHA-256 of a key is kept; the key itself is shown once when created.
CREATE TABLE access_keys (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('procurer', 'provider')),
  programme_id TEXT REFERENCES programmes(id),
  provider_id TEXT REFERENCES providers(id),
  label TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  CHECK ((role = 'provider' AND provider_id IS NOT NULL AND programme_id IS NOT NULL)
      OR (role = 'procurer' AND provider_id IS NULL))
);

CREATE TABLE episodes (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  provider_id TEXT NOT NULL REFERENCES providers(id),
  customer_type TEXT NOT NULL CHECK (customer_type IN ('company', 'jobseeker')),
  external_ref TEXT NOT NULL CHECK (length(external_ref) BETWEEN 1 AND 100),
  service_type TEXT,
  started_on TEXT NOT NULL CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  ended_on TEXT NOT NULL CHECK (ended_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  risk_class TEXT,
  language TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  -- respondent contact: used only to deliver the invitation, deleted when it closes
  contact_email TEXT,
  contact_phone TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (programme_id, external_ref),
  CHECK (ended_on >= started_on)
);
CREATE INDEX episodes_programme_period ON episodes (programme_id, ended_on);
CREATE INDEX episodes_provider_period ON episodes (provider_id, ended_on);

CREATE TABLE outcomes (
  id TEXT PRIMARY KEY,
  episode_id TEXT NOT NULL REFERENCES episodes(id),
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 50),
  occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  value REAL,
  created_at TEXT NOT NULL,
  -- re-sending the same event must not count it twice
  UNIQUE (episode_id, type, occurred_on)
);

-- One personal, single-use invitation per episode. Only the token's SHA-256 is kept;
-- re-issuing replaces the hash, so the old link stops working.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  episode_id TEXT NOT NULL UNIQUE REFERENCES episodes(id),
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
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CHECK ((status = 'declined') = (declined_at IS NOT NULL))
);

-- The answers to one invitation, saved as the respondent goes and frozen on completion.
-- The scoring columns are derived from the answers by the domain code at each save.
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
