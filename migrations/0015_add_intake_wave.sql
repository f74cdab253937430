-- Intake wave (opt-in per programme): when an episode is confirmed no more than intake_window_days after it
-- started, its client also gets an intake invitation (wave 'intake') with the same scored items, so that
-- scores can show the change from intake to exit. NULL: no intake wave.
ALTER TABLE programmes ADD COLUMN intake_window_days INTEGER
  CHECK (intake_window_days IS NULL OR intake_window_days BETWEEN 0 AND 365);
