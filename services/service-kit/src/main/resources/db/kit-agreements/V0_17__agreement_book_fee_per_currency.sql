-- The hub's fee per session is a list, at most one amount per currency (docs/adr/0027-hub-fee-in-every-currency.md):
-- one jsonb array of {"amount": "<decimal string>", "currency": "<ISO 4217>"} replaces the amount and currency
-- columns. Amounts stay decimal strings, so every digit the event carried is kept; empty means no fixed fee.
alter table agreement_book add column fee_per_session_list jsonb not null default '[]'
    check (jsonb_typeof(fee_per_session_list) = 'array');

update agreement_book
   set fee_per_session_list = jsonb_build_array(jsonb_build_object('amount', fee_per_session::text,
                                                                    'currency', fee_currency))
 where fee_per_session is not null;

alter table agreement_book drop column fee_per_session;
alter table agreement_book drop column fee_currency;
