-- The "cannot say" answers to scored items of a response, counted once when it is written, so the score and
-- diagnostics reads need no look-up in response_items per response. Answers to scored items are these plus
-- scored_answered (the ones on the scale).
ALTER TABLE responses ADD COLUMN cannot_say INTEGER NOT NULL DEFAULT 0;

UPDATE responses SET cannot_say = (
  SELECT COUNT(*) FROM response_items ri WHERE ri.invitation_id = responses.invitation_id AND ri.position IS NULL
);
