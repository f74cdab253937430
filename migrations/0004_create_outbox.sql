-- Invitation and reminder messages waiting to be sent by the scheduled job. A message carries the
-- personal link (the only place the token exists after the import response) until it is sent or
-- cancelled; then its body and recipient are erased.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  invitation_id TEXT NOT NULL REFERENCES invitations(id),
  kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
  -- one message per invitation, kind and issued link: re-queueing the same one is a no-op
  dedupe_key TEXT NOT NULL UNIQUE,
  recipient TEXT,
  subject TEXT,
  body TEXT,
  send_after TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  claimed_at TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, send_after);
CREATE INDEX outbox_invitation ON outbox (invitation_id, status);

-- Development mailbox: what the "log" sender delivered, shown at /dev/mailbox on a local server.
CREATE TABLE dev_mailbox (
  id TEXT PRIMARY KEY,
  outbox_id TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at TEXT NOT NULL
);
