-- Every data-changing request made with a key: who (key id, role), what (method, path), when, and
-- the outcome. Append-only; never holds request bodies (they may carry respondent contacts).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  key_id TEXT,
  role TEXT NOT NULL CHECK (role IN ('admin', 'procurer', 'provider')),
  programme_id TEXT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL
);
CREATE INDEX audit_log_programme ON audit_log (programme_id, at);
