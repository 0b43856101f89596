-- issue 16 item 10: a database superuser can rewrite the chain and re-compute every hash, and can insert a
-- checkpoint that agrees with the rewritten chain. Entries and checkpoints now also carry a seal: an HMAC-SHA256
-- keyed with a secret that is kept outside the database (configuration or a key file of the application), so an
-- entry that was changed and re-hashed, or a checkpoint that was inserted by hand, no longer checks out.
-- Entries recorded before this migration have no seal (the append-only trigger refuses to add one later); the
-- verifier accepts unsealed entries only before the first sealed one. See docs/modules/audit.md.
alter table audit_entry add column seal char(64) check (seal ~ '^[0-9a-f]{64}$');
alter table audit_checkpoint add column seal char(64) check (seal ~ '^[0-9a-f]{64}$');
create index audit_checkpoint_entry_idx on audit_checkpoint (entry_id);
