-- The hub's fee per session is a list, at most one amount per currency (docs/adr/0027-hub-fee-in-every-currency.md).
-- One JSON array of {"amount": "<decimal string>", "currency": "<ISO 4217>"} replaces the amount and currency
-- columns, in agreements and in the standard terms alike; '[]' means no fixed fee. The API and the domain check
-- each amount (non-negative, at most 6 decimals), each currency (ISO 4217) and that no currency appears twice.
alter table agreement add column hub_fee_per_session text not null default '[]'
    constraint agreement_fee_per_session_list check (jsonb_typeof(hub_fee_per_session::jsonb) = 'array');
update agreement
   set hub_fee_per_session = jsonb_build_array(jsonb_build_object('amount', hub_fee_per_session_amount::text,
                                                                  'currency', hub_fee_per_session_currency))::text
 where hub_fee_per_session_amount is not null;
alter table agreement drop constraint agreement_has_fee;
alter table agreement drop constraint agreement_fee_money_whole;
alter table agreement drop column hub_fee_per_session_amount;
alter table agreement drop column hub_fee_per_session_currency;
alter table agreement add constraint agreement_has_fee
    check (hub_fee_percent is not null or jsonb_array_length(hub_fee_per_session::jsonb) > 0);

alter table standard_terms add column hub_fee_per_session text not null default '[]'
    constraint standard_terms_fee_per_session_list check (jsonb_typeof(hub_fee_per_session::jsonb) = 'array');
update standard_terms
   set hub_fee_per_session = jsonb_build_array(jsonb_build_object('amount', hub_fee_per_session_amount::text,
                                                                  'currency', hub_fee_per_session_currency))::text
 where hub_fee_per_session_amount is not null;
alter table standard_terms drop constraint standard_terms_has_fee;
alter table standard_terms drop constraint standard_terms_fee_money_whole;
alter table standard_terms drop column hub_fee_per_session_amount;
alter table standard_terms drop column hub_fee_per_session_currency;
alter table standard_terms add constraint standard_terms_has_fee
    check (hub_fee_percent is not null or jsonb_array_length(hub_fee_per_session::jsonb) > 0);
