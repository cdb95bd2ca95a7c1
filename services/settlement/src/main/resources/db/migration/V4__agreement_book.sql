-- Settlement reads dispute windows from the service kit's agreement book (table agreement_book, kit migration
-- db/kit-agreements, docs/adr/0017-one-agreement-book.md); its own copy of them goes.
drop table dispute_window;
