package io.chargeclear.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers branch of {@link LocalInfraResource}, in its own class so Testcontainers classes are only
 * loaded when Docker is used. PostgreSQL gets {@code wal_level=logical} so the stack's outbox relay can run
 * against it.
 */
final class Containers implements AutoCloseable {

    static final String POSTGRES_IMAGE = System.getProperty("chargeclear.postgres.image", "postgres:17");
    static final String KAFKA_IMAGE = System.getProperty("chargeclear.kafka.image", "apache/kafka-native:4.1.2");

    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;

    private Containers(PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Containers start() {
        PostgreSQLContainer pg = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName("chargeclear")
                .withUsername("chargeclear")
                .withPassword("chargeclear");
        pg.withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20",
                "-c", "max_wal_senders=20", "-c", "fsync=off");
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        try {
            pg.start();
            kafka.start();
        } catch (RuntimeException e) {
            kafka.stop();
            pg.stop();
            throw e;
        }
        return new Containers(pg, kafka);
    }

    /** A plain URL (no driver options), usable for both JDBC and the reactive client. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/"
                + postgres.getDatabaseName();
    }

    String user() {
        return postgres.getUsername();
    }

    String password() {
        return postgres.getPassword();
    }

    String kafkaBootstrap() {
        return kafka.getBootstrapServers().replaceFirst("^[A-Za-z_]+://", "");
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
