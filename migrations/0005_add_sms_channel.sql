-- Text messages (SMS) for respondents who gave only a phone number. They share the outbox with email:
-- the same claim-before-send, retries, reminder and erasure; a message now says which channel it takes.
-- The recipient of an SMS is its E.164 phone number, erased like an email address once sent or cancelled.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms'));

-- The development mailbox (MAIL_SENDER=log, SMS_SENDER=log) shows text messages beside emails.
ALTER TABLE dev_mailbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms'));
