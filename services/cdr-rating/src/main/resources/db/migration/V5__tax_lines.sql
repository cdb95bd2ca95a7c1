-- The rating's tax lines (rating.cdr-rated.v1 taxes, docs/adr/0026-taxes-in-rating.md): a JSON array of
-- {name, percentage, amount}, one line per VAT rate of the tariff or the CPO's own lines of an OCPI 2.3.0 CDR.
-- Null for ratings written before the lines were kept and while a CDR has no price.
alter table cdr_rating add column taxes text;
