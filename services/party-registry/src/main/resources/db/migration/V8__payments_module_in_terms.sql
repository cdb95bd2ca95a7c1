-- OCPI 2.3.0 payments is an agreement module (docs/adr/0031-payment-terminals-through-the-hub.md), and an agreement
-- or standard terms without a module list cover every functional module, payments included. The checks written
-- with the 2.2.1 modules refused both; they now take payments as well.
alter table agreement drop constraint agreement_modules_check;
alter table agreement add constraint agreement_modules_check check (modules ~
    '^(cdrs|chargingprofiles|commands|locations|payments|sessions|tariffs|tokens)(,(cdrs|chargingprofiles|commands|locations|payments|sessions|tariffs|tokens))*$');

alter table standard_terms drop constraint standard_terms_modules_check;
alter table standard_terms add constraint standard_terms_modules_check check (modules ~
    '^(cdrs|chargingprofiles|commands|locations|payments|sessions|tariffs|tokens)(,(cdrs|chargingprofiles|commands|locations|payments|sessions|tariffs|tokens))*$');
