-- When the gateway accepted the CDR (ocpi.cdr.v1 received_at): the rating lag runs from here to the first rating
-- or flag, and rating.cdr-rated.v1 carries it on as cdr_received_at for settlement's posting lag
-- (docs/adr/0036-objectives-and-metrics.md). Null for ratings written before it was kept.
alter table cdr_rating add column received_at timestamptz;
