-- A mail written by an event listener carries a key naming the event and the recipient, so that a listener re-run
-- after a crash (event publication registry) does not mail twice.
alter table mail_outbox add column idempotency_key varchar(300);
create unique index mail_outbox_idempotency_uq on mail_outbox (idempotency_key) where idempotency_key is not null;
