-- The national role: a key the admin makes for a ministry, with no programme and no provider, that reads only
-- the national comparison (the public's figures of every programme side by side). SQLite cannot alter a CHECK,
-- so access_keys is rebuilt with 'national' in both of its CHECKs. No table refers to it, yet its rows are set
-- aside in a plain copy and put back as in 0012, the pattern that keeps D1's foreign key check satisfied should a
-- child table ever refer to it. Columns, constraints and the key_hash index are as before.
-- audit_log's role CHECK stays as it is: a national key writes nothing, and requireKey refuses it every path
-- but /api/v1/national/* and /api/v1/me before any audit middleware runs, so no audit row can carry its role.
PRAGMA defer_foreign_keys = on;

CREATE TABLE copy_access_keys AS SELECT * FROM access_keys;

DROP TABLE access_keys;

-- Only the SHA-256 of a key is kept; the key itself is shown once when created.
CREATE TABLE access_keys (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('procurer', 'provider', 'national')),
  programme_id TEXT REFERENCES programmes(id),
  provider_id TEXT REFERENCES providers(id),
  label TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  CHECK ((role = 'provider' AND provider_id IS NOT NULL AND programme_id IS NOT NULL)
      OR (role = 'procurer' AND provider_id IS NULL)
      OR (role = 'national' AND provider_id IS NULL AND programme_id IS NULL))
);

INSERT INTO access_keys (id, key_hash, role, programme_id, provider_id, label, created_at, expires_at, revoked_at)
SELECT id, key_hash, role, programme_id, provider_id, label, created_at, expires_at, revoked_at FROM copy_access_keys;

DROP TABLE copy_access_keys;
