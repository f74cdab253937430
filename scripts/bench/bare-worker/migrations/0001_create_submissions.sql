-- One table: the baseline stores each submitted body as it came.
CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  token TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
