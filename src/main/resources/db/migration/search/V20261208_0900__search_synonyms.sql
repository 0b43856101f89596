-- Site search (module search): the synonym list staff edit. Applied at query time, so an edit needs no rebuild.
create table search_synonym (
    id          bigserial primary key,
    -- words that mean the same, separated by commas: 粗大ごみ, 粗大ゴミ, 大型ごみ
    terms       text not null check (length(terms) between 1 and 500),
    updated_at  timestamptz not null default now(),
    updated_by  bigint
);

-- A change counter bumped by a statement trigger on every change of the list (by staff on any instance, or by SQL):
-- every instance polls it and reloads the list when it moves.
create table search_revision (
    id  boolean primary key default true check (id),
    rev bigint not null
);
insert into search_revision (id, rev) values (true, 1);

create function search_revision_bump() returns trigger language plpgsql as $$
begin
    update search_revision set rev = rev + 1 where id;
    return null;
end $$;

create trigger search_synonym_revision after insert or update or delete or truncate on search_synonym
    for each statement execute function search_revision_bump();

-- A ward starts with the words residents and staff use for the same thing (editable, not demo data).
insert into search_synonym (terms) values
    ('住民票, 住民票の写し'),
    ('粗大ごみ, 粗大ゴミ, 大型ごみ'),
    ('マイナンバーカード, 個人番号カード, マイナカード'),
    ('国保, 国民健康保険'),
    ('予防注射, 予防接種, ワクチン'),
    ('印鑑登録, 実印登録'),
    ('転居, 引っ越し'),
    ('保育園, 保育所'),
    ('乳幼児健診, 乳幼児健康診査'),
    ('母子手帳, 母子健康手帳'),
    ('後期高齢者医療, 長寿医療'),
    ('避難所, 避難場所'),
    ('コンビニ交付, コンビニ, マルチコピー機'),
    ('ひとり親, 母子家庭, 父子家庭'),
    ('区営住宅, 公営住宅'),
    ('就学, 小学校の入学'),
    ('放置自転車, 撤去自転車');
