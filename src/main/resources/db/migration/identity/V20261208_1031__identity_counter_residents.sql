-- The counter desk finds residents the way staff type a name: spaces, width and katakana/hiragana do not matter
-- (「田中一郎」, 「田中 一郎」, 「タナカ」, 「ﾀﾅｶ」 all find 田中 一郎（タナカ イチロウ）). The same folding as
-- jp.machi.shared.text.NameFolding, kept by the database for every write of the name.
alter table account add column search_name text generated always as (
    translate(
        replace(replace(replace(replace(lower(normalize(coalesce(display_name, '') || '|' || coalesce(name_kana, ''), NFKC)),
            ' ', ''), '・', ''), '-', ''), chr(8208), ''),
        'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ',
        'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ')
) stored;

-- Residents registered at the counter who have no e-mail address (the counter exists for people who do not use
-- ICT): no address and no password until they claim the account with a code staff give them (account_token
-- purpose CLAIM); staff act for them meanwhile.
alter table account alter column email drop not null;
alter table account alter column password_hash drop not null;
alter table account add column phone varchar(20);
alter table account add column registered_at_counter boolean not null default false;
alter table account add constraint account_email_or_counter
    check (email is not null or (kind = 'RESIDENT' and registered_at_counter) or deleted_at is not null);
alter table account_token drop constraint account_token_purpose_check;
alter table account_token add constraint account_token_purpose_check check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CLAIM'));
