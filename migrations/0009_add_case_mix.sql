-- Case-mix adjustment (opt-in per programme): scores show an index adjusted for the respondents' background
-- beside the raw one, and a fee rule may pay by it. Off (0) by default.
ALTER TABLE programmes ADD COLUMN case_mix INTEGER NOT NULL DEFAULT 0 CHECK (case_mix IN (0, 1));
