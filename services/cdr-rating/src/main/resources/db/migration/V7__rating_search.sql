-- The operator's search of ratings (GET /admin/rating/cdrs): newest first, of one party as CPO or as eMSP, within a
-- time. Without these every list sorted the whole table.
create index cdr_rating_newest on cdr_rating (rated_at);
create index cdr_rating_cpo_newest on cdr_rating (country_code, party_id, rated_at);
create index cdr_rating_emsp_newest on cdr_rating (emsp_country_code, emsp_party_id, rated_at);
