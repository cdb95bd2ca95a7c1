-- Rating reads agreements and standard terms from the service kit's agreement book (table agreement_book, kit
-- migration db/kit-agreements, docs/adr/0017-one-agreement-book.md); its own copies of them go.
drop table agreement_terms;
drop table standard_terms;
