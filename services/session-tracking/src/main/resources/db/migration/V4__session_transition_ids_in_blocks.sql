-- Session transition ids are allocated by the service 50 at a time (docs/adr/0021-batched-consumers.md): an IDENTITY
-- id makes Hibernate insert each row alone to read its id back, which defeats statement batching. The bigserial's own
-- sequence now steps by the allocation size; each nextval hands one instance a block of 50 ids no other instance gets,
-- above every id issued so far. Ids from two instances' blocks interleave out of time order, so a session's history
-- is read in the order of its transitions' times, the id only breaking ties.
alter sequence session_transition_id_seq increment by 50;
