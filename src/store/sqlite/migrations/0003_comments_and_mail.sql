-- 0003_comments_and_mail: what readers' comments and "send to a friend"
-- need (issue 4). Adding columns fires no trigger and keeps 0002's: every
-- change to comments still bumps content_version (comments are what
-- readers see), and the mail outbox, which readers never see, has no
-- trigger and never bumps it.

-- Who wrote a comment, for "a returning approved commenter is published at
-- once": the normalized email and the key from the reader's signed cookie
-- ('' when not given). Neither is ever shown publicly.
ALTER TABLE comments ADD COLUMN commenter_key TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN email_key TEXT NOT NULL DEFAULT '';

-- submit_comment's facts, read in the transaction that stores the comment:
-- an approved comment by the same email or commenter key (known commenter),
CREATE INDEX comments_by_email_key ON comments(email_key, status) WHERE email_key <> '';
CREATE INDEX comments_by_commenter_key ON comments(commenter_key, status)
  WHERE commenter_key <> '';
-- comments from one IP within the rate window (ip_hash is '' when unknown),
CREATE INDEX comments_by_ip ON comments(ip_hash, created_at);
-- and the same body on the same article within the duplicate window.
CREATE INDEX comments_by_article_time ON comments(article_id, created_at);

-- The outbox keeps hashes, never the raw IP or address, so queue_mail can
-- count what one IP and one recipient queued recently (its rate limits).
ALTER TABLE mail_outbox ADD COLUMN ip_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN recipient_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX mail_outbox_by_ip ON mail_outbox(ip_hash, created_at);  -- per IP per hour
CREATE INDEX mail_outbox_by_recipient ON mail_outbox(recipient_hash, created_at);  -- per day
CREATE INDEX mail_outbox_by_time ON mail_outbox(created_at);  -- site-wide per hour
-- The sender loop: unsent (sent_at IS NULL) and due, oldest attempt first.
CREATE INDEX mail_outbox_unsent ON mail_outbox(sent_at, next_attempt_at);
