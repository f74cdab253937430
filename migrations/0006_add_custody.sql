-- Chain of custody: who holds the survey links, who creates billable clients, and who confirmed them.

-- "laatu": only Laatu (and the procurer) ever hold links; "provider": the provider hands them out.
ALTER TABLE programmes ADD COLUMN link_custody TEXT NOT NULL DEFAULT 'laatu'
  CHECK (link_custody IN ('laatu', 'provider'));
-- What an episode imported by a provider key becomes: pending until the procurer confirms it,
-- confirmed at once ("trusted"), or refused ("off").
ALTER TABLE programmes ADD COLUMN provider_episodes TEXT NOT NULL DEFAULT 'confirm'
  CHECK (provider_episodes IN ('confirm', 'trusted', 'off'));

-- Only confirmed episodes get an invitation and count in scores, rates and fees.
ALTER TABLE episodes ADD COLUMN status TEXT NOT NULL DEFAULT 'confirmed'
  CHECK (status IN ('pending', 'confirmed', 'rejected'));
-- The reference as compared: NFKC-normalised and case-folded by the application.
ALTER TABLE episodes ADD COLUMN ref_key TEXT;
UPDATE episodes SET ref_key = lower(external_ref);
CREATE UNIQUE INDEX episodes_ref_key ON episodes (programme_id, ref_key);
-- A risk class sent by a provider key is only its proposal; risk_class (which prices fees) is the procurer's.
ALTER TABLE episodes ADD COLUMN proposed_risk_class TEXT;
ALTER TABLE episodes ADD COLUMN created_by_key TEXT;
ALTER TABLE episodes ADD COLUMN created_by_role TEXT CHECK (created_by_role IN ('admin', 'procurer', 'provider'));
-- Who confirmed (or rejected) the episode, and when.
ALTER TABLE episodes ADD COLUMN reviewed_by_key TEXT;
ALTER TABLE episodes ADD COLUMN reviewed_by_role TEXT CHECK (reviewed_by_role IN ('admin', 'procurer'));
ALTER TABLE episodes ADD COLUMN reviewed_at TEXT;
-- Why the procurer rejected a pending episode (shown to the provider).
ALTER TABLE episodes ADD COLUMN review_note TEXT;
CREATE INDEX episodes_pending ON episodes (programme_id, provider_id) WHERE status = 'pending';

-- Re-issues are counted per invitation: a provider whose links are often replaced is flagged.
ALTER TABLE invitations ADD COLUMN reissues INTEGER NOT NULL DEFAULT 0 CHECK (reissues >= 0);
-- For an open invitation without contact data: the token sealed (AES-GCM) so that the procurer can
-- fetch the link for a letter or a call; erased when the invitation closes.
ALTER TABLE invitations ADD COLUMN sealed_token TEXT;
