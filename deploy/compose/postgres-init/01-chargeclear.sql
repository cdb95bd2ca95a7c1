-- Runs once, as the postgres superuser, when the data volume is initialised (docker-entrypoint-initdb.d).
-- chargeclear is the one role of the compose stack: the services connect with it (each creates and migrates its
-- own schema with Flyway) and Debezium reads the outbox tables with it. REPLICATION lets Debezium create the
-- logical replication slots; owning the database and, through Flyway, the outbox tables lets it create the
-- filtered publications (publication.autocreate.mode=filtered). Development credentials only.
CREATE ROLE chargeclear WITH LOGIN REPLICATION PASSWORD 'chargeclear';
CREATE DATABASE chargeclear OWNER chargeclear;
