-- A programme's survey map: by customer type, one survey ("cx-company": its latest published version when each
-- invitation is issued; "cx-company@2": pinned) or {"default": ..., "byServiceType": {"<serviceType>": ...}}.
-- Stored as the procurer gave it. survey_company and survey_jobseeker keep the default survey ids, so that
-- whatever reads them still finds a survey of that customer type.
ALTER TABLE programmes ADD COLUMN survey_map TEXT CHECK (
  survey_map IS NULL OR (json_valid(survey_map) AND json_type(survey_map, '$.company') IN ('text', 'object')
    AND json_type(survey_map, '$.jobseeker') IN ('text', 'object'))
);

UPDATE programmes SET survey_map = json_object('company', survey_company, 'jobseeker', survey_jobseeker);

-- A column added to a table with rows cannot be NOT NULL without a default; these make it required from now on.
CREATE TRIGGER programmes_survey_map_on_insert BEFORE INSERT ON programmes WHEN NEW.survey_map IS NULL
BEGIN
  SELECT RAISE(ABORT, 'programmes: survey_map is required');
END;
CREATE TRIGGER programmes_survey_map_on_update BEFORE UPDATE OF survey_map ON programmes WHEN NEW.survey_map IS NULL
BEGIN
  SELECT RAISE(ABORT, 'programmes: survey_map is required');
END;
