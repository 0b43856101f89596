-- audit: an entry's description as a message key and its arguments, so the audit page says it in the auditor's
-- language; the English text stays in detail (for the CSV export and entries written before keys existed).
-- Entries with a key are chained in format version 2, which covers both columns (docs/modules/audit.md).
alter table audit_entry add column detail_key varchar(200);
alter table audit_entry add column detail_args varchar(4000);
