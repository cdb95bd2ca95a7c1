-- Why a rating's hub fee is less than the fee terms in full (rating.cdr-rated.v1 hub_fee_note,
-- docs/adr/0027-hub-fee-in-every-currency.md): NO_PER_SESSION_FEE_IN_CURRENCY when the terms have per-session
-- amounts but none in the CDR's currency, so the percentage alone applied. Null when the terms applied in full.
alter table cdr_rating add column hub_fee_note varchar(40)
    constraint cdr_rating_hub_fee_note check (hub_fee_note in ('NO_PER_SESSION_FEE_IN_CURRENCY'));
