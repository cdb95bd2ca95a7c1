package io.chargeclear.settlement.messaging;

import io.chargeclear.kit.inbox.Batches;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.settlement.service.TerminalPaidSessions;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Keeps the financial advice confirmations of payment terminal providers ({@code ocpi.payment.v1}) for terminal-paid
 * sessions (docs/adr/0030-terminal-paid-sessions-in-settlement.md), a Kafka batch per transaction like the ledger's
 * consumer (docs/adr/0021-batched-consumers.md), each event once through the inbox; one it cannot read is parked.
 * Terminals share the topic and are not settlement's: they are passed by without a word.
 */
@Startup
@ApplicationScoped
public class FinancialAdviceConsumer {

    static final String CONSUMER = "terminal-payments";

    private final Inbox inbox;
    private final EventHandler confirming;

    public FinancialAdviceConsumer(Inbox inbox, TerminalPaidSessions sessions) {
        this.inbox = inbox;
        // OCPI's JSON settings: amounts read as exact decimals, never through a double
        this.confirming = inbox.register(CONSUMER, Set.of(EventType.FINANCIAL_ADVICE_CONFIRMED),
                event -> sessions.confirm(event.payloadAs(OcpiJson.mapper(), OcpiObjectChanged.class)));
    }

    @Incoming("payment-events-in")
    public Uni<Void> onPayment(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> confirmations = Batches.inOrder(records).stream()
                .filter(record -> !EventType.TERMINAL_CHANGED.type().equals(type(record))).toList();
        return inbox.consumeBatch(confirming, confirmations);
    }

    private static String type(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("ce_type");
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
