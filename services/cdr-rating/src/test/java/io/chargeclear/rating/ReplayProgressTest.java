package io.chargeclear.rating;

import io.chargeclear.kit.messaging.ReplayProgress;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * How far a consumer group has replayed a topic, asked of the real broker: behind while the group's committed
 * offsets are short of where the topic ended when first asked, caught up once they reach it, and caught up for
 * good after that (records published later are ordinary traffic). The service's readiness includes the agreement
 * book's replay.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class ReplayProgressTest {

    @Test
    void aGroupIsBehindUntilItHasCommittedTheEndOfTheTopicAsItWasWhenFirstAsked() {
        String topic = "test.replay." + UUID.randomUUID();
        String group = "replay-" + UUID.randomUUID();
        Map<String, Object> kafka = Map.of("bootstrap.servers", LocalInfraResource.kafkaBootstrap(),
                "group.id", "not-for-the-admin-client");
        try (KafkaTestClient client = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            for (int i = 0; i < 3; i++) {
                client.produce(topic, "k" + i, Map.of(), "v" + i);
            }
            ReplayProgress progress = new ReplayProgress(kafka, topic, group);

            ReplayProgress.State before = progress.check();
            assertThat(before.caughtUp()).isFalse();
            assertThat(before.behind()).isEqualTo(3);

            commit(topic, group, 2);
            assertThat(progress.check().behind()).as("one record still to read").isEqualTo(1);

            commit(topic, group, 3);
            client.produce(topic, "k3", Map.of(), "published after the first question");
            assertThat(progress.check().caughtUp()).as("the target is where the topic ended when first asked").isTrue();

            commit(topic, group, 0);
            assertThat(progress.check().caughtUp()).as("once caught up, it stays so").isTrue();
        }
    }

    @Test
    void aTopicThatDoesNotExistHasNothingToReplay() {
        ReplayProgress progress = new ReplayProgress(Map.of("bootstrap.servers", LocalInfraResource.kafkaBootstrap()),
                "test.replay.absent." + UUID.randomUUID(), "replay-" + UUID.randomUUID());

        assertThat(progress.check().caughtUp()).isTrue();
    }

    @TestHTTPResource(value = "/health/ready", management = true) // health is served on the management port only
    URL ready;

    @Test
    void readinessIncludesTheAgreementBooksReplay() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get(ready).then()
                .statusCode(200)
                .body("checks.find { it.name == 'agreement-book' }.status", equalTo("UP")));
    }

    private static void commit(String topic, String group, long offset) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfraResource.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }
}
