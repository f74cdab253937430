/**
 * A client's pair for the change from intake to exit (docs/METHODS.md, "Change from intake to exit"), the one
 * condition every change figure and change fee reads: the exit (x) and intake (y) responses of episode e, both
 * completed with an index (half of the scored items answered on the scale), of the same survey version, and the
 * intake completed before the exit; an intake answered after the exit describes no start of the service.
 */
export const pairJoins = `JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
  JOIN responses x ON x.invitation_id = i.id AND x.completed = 1 AND x.quality_index IS NOT NULL
  JOIN invitations ii ON ii.episode_id = e.id AND ii.wave = 'intake'
  JOIN responses y ON y.invitation_id = ii.id AND y.completed = 1 AND y.quality_index IS NOT NULL
    AND y.survey_id = x.survey_id AND y.survey_version = x.survey_version AND y.completed_at < x.completed_at`

export const changePairs = `episodes e ${pairJoins}`
