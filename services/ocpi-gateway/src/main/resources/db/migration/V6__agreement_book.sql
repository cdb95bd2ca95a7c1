-- The gateway reads agreements and standard terms from the service kit's agreement book (table agreement_book,
-- kit migration db/kit-agreements, docs/adr/0017-one-agreement-book.md); its own views of them go.
drop table agreement_view;
drop table standard_terms_view;
