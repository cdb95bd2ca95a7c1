package io.chargeclear.kit.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.ArrayList;
import java.util.List;

/** Turns the records of one Kafka poll into the list {@link Inbox#consumeBatch} applies. */
public final class Batches {

    private Batches() {
    }

    /**
     * The poll's records partition by partition, each partition's in offset order: the order that keeps every key's
     * events in the order they were written (a key always lives in one partition).
     */
    public static List<ConsumerRecord<String, String>> inOrder(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.partitions().forEach(partition -> list.addAll(records.records(partition)));
        return list;
    }
}
