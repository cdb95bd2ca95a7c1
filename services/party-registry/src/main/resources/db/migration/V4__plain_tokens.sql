-- OCPI 2.2.1 sends tokens Base64-encoded; peers built on 2.1.1/2.2 send them as they are. The operator says
-- per platform which form it uses: the gateway then accepts it inbound and uses it outbound.
alter table platform add column plain_tokens boolean not null default false;
