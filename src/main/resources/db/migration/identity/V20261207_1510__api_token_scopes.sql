-- identity: API tokens carry scopes (jp.machi.shared.security.TokenScope) and may expire. A token opens only the
-- machine API requests its scopes list, never pages or forms; staff tokens always expire (at most 90 days).
alter table api_token add column scopes varchar(400) not null default 'resident'
    check (scopes ~ '^[a-z][a-z0-9:.-]*( [a-z][a-z0-9:.-]*)*$');
alter table api_token add column expires_at timestamptz;
-- Staff tokens made before scopes existed acted as the whole person (pages, forms, personal data) without the
-- second factor (issue 16): revoke them; their owners make scoped ones.
update api_token set revoked_at = now()
 where revoked_at is null and account_id in (select id from account where kind = 'STAFF');
