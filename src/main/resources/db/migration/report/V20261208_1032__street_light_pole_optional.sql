-- The demo's street-light question asked for the number on the pole as required; residents rarely know it, and the
-- place already says which light it is. Asked, never required (only the demo's own wording is changed).
update report_category_attribute
   set required = false,
       description_ja = '電柱・街路灯の番号（わかれば）',
       description_en = 'Number on the pole or street light (if you know it)'
 where category_code = 'street-light' and code = 'pole_number' and description_ja = '電柱・街路灯の番号';
