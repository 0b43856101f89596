-- The reading of a facility's name in hiragana (the ward's 名称_カナ, else the dictionary's guess): 50音順 and search.
-- search_version says which rules wrote search_text; rows written by older rules are indexed again at start.
alter table facility add column name_reading text;
alter table facility add column search_version smallint not null default 0;
create index facility_reading on facility (name_reading, name_ja);

-- Residents read the data's source, not the path it took through a repository: the repository and commit stay in
-- the demo data's ATTRIBUTION.md and NOTICE.
update facility set attribution = '「指定緊急避難場所・指定避難所データ」（国土地理院）'
 where attribution = '「指定緊急避難場所・指定避難所データ」（国土地理院）; divided per municipality by motohasystem/jp-shelter-api (commit 6affdeab)';
