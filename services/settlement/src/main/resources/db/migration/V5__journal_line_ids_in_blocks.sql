-- Journal line ids are allocated by the service 50 at a time (docs/adr/0021-batched-consumers.md): an IDENTITY id
-- makes Hibernate insert each line alone to read its id back, which defeats statement batching. The bigserial's own
-- sequence now steps by the allocation size; each nextval hands one instance a block of 50 ids no other instance gets,
-- above every id issued so far. The column default stays, so a line inserted by hand still gets a unique id.
alter sequence journal_line_id_seq increment by 50;
