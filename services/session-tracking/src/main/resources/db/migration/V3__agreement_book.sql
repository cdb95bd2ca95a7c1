-- Tracking reads agreements' and standard terms' service levels from the service kit's agreement book (table
-- agreement_book, kit migration db/kit-agreements, docs/adr/0017-one-agreement-book.md); its own copies go.
drop table agreement_sla;
drop table standard_sla;
