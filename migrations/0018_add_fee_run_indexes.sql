-- Fee runs at national scale (issue 16). A run reads its clients a chunk of providers at a time, in
-- (provider, external_ref) order: without an index on provider_id the planner walked every episode of the
-- programme for each chunk (quadratic in the number of providers) and sorted the chunk afterwards.
CREATE INDEX episodes_provider_ref ON episodes (provider_id, external_ref);

-- Everything the fee run's provider figures, client rows and survey versions read of a completed response,
-- so they read this index instead of the response rows (which carry the answers JSON). Also serves the
-- scores' joins on (invitation_id, completed).
CREATE INDEX responses_completed_cover ON responses (invitation_id, completed, quality_index, all_top,
  scored_answered, scored_total, survey_id, survey_version);

-- The exit invitation of an episode with what a fee run reads of it, so a run's lookups in episode id order
-- walk this index instead of the invitation rows.
CREATE INDEX invitations_episode_cover ON invitations (episode_id, wave, status, expires_at, id);
