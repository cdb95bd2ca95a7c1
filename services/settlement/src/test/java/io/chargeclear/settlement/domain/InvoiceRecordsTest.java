package io.chargeclear.settlement.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceRecordsTest {

    private static final String STATEMENT = "93a5f266-a55b-37b5-9d54-9e1ac41b8b3b";

    @Test
    void aSmallStatementIsOneRecordListingEachCdrOnceSorted() {
        List<InvoiceRecords.Part> records = InvoiceRecords.of(STATEMENT, List.of("CDR-2", "CDR-1", "CDR-2", "CDR-3"),
                1000);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.cdrIds()).containsExactly("CDR-1", "CDR-2", "CDR-3");
            assertThat(r.part()).isEqualTo(1);
            assertThat(r.parts()).isEqualTo(1);
            assertThat(r.omittedCdrIds()).isEmpty();
            assertThat(r.recordId()).isEqualTo("6bc18c29-6be5-36ab-ad42-40142098b3f3").hasSize(36);
        });
    }

    @Test
    void aLargeStatementIsSplitIntoPartsWithTheirOwnStableIds() {
        List<String> ids = IntStream.rangeClosed(1, 7).mapToObj(i -> "CDR-" + i).toList();
        List<InvoiceRecords.Part> records = InvoiceRecords.of(STATEMENT, ids, 3);
        assertThat(records).extracting(InvoiceRecords.Part::part).containsExactly(1, 2, 3);
        assertThat(records).allSatisfy(r -> assertThat(r.parts()).isEqualTo(3));
        assertThat(records).extracting(r -> r.cdrIds().size()).containsExactly(3, 3, 1);
        assertThat(records).extracting(InvoiceRecords.Part::recordId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).hasSize(36));
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        assertThat(InvoiceRecords.of(STATEMENT, reversed, 3)).as("the same however the entries come")
                .isEqualTo(records);
        assertThat(InvoiceRecords.of("0c5e6a2d-1111-3222-8333-444455556666", ids, 3).get(0).recordId())
                .as("another statement, other ids").isNotEqualTo(records.get(0).recordId());
    }

    @Test
    void idsLongerThanOcpiAllowsAreLeftOutAndNamedOnTheFirstPart() {
        String long37 = "C".repeat(37);
        String long39 = "D".repeat(39);
        String exactly36 = "E".repeat(36);
        List<InvoiceRecords.Part> records = InvoiceRecords.of(STATEMENT, List.of(long39, "CDR-1", long37, exactly36,
                "CDR-2"), 2);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).cdrIds()).containsExactly("CDR-1", "CDR-2");
        assertThat(records.get(1).cdrIds()).containsExactly(exactly36);
        assertThat(records.get(0).omittedCdrIds()).containsExactly(long37, long39);
        assertThat(records.get(1).omittedCdrIds()).isEmpty();
    }

    @Test
    void aStatementWhoseIdsAllTooLongHasNoRecord() {
        assertThat(InvoiceRecords.of(STATEMENT, List.of("X".repeat(37), "Y".repeat(39)), 1000)).isEmpty();
    }

    @Test
    void theSizeOfARecordIsBounded() {
        assertThatThrownBy(() -> InvoiceRecords.of(STATEMENT, List.of("CDR-1"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 5000");
        assertThatThrownBy(() -> InvoiceRecords.requirePerRecord(5001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(InvoiceRecords.requirePerRecord(5000)).isEqualTo(5000);
    }

    /** Every id that fits is on exactly one record, none has more than allowed, and only the first names omissions. */
    @Property
    void everyFittingIdIsOnExactlyOneRecord(@ForAll @Size(max = 60) List<@StringLength(min = 1, max = 40) String> ids,
                                            @ForAll @IntRange(min = 1, max = 7) int perRecord) {
        List<InvoiceRecords.Part> records = InvoiceRecords.of(STATEMENT, ids, perRecord);
        List<String> listed = new ArrayList<>();
        records.forEach(r -> listed.addAll(r.cdrIds()));
        TreeSet<String> fitting = new TreeSet<>(ids.stream().filter(id -> id.length() <= 36).toList());
        assertThat(listed).containsExactlyElementsOf(fitting);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.cdrIds()).hasSizeBetween(1, perRecord);
            assertThat(r.parts()).isEqualTo(records.size());
        });
        Collection<String> omitted = new TreeSet<>(ids.stream().filter(id -> id.length() > 36).toList());
        if (!records.isEmpty()) {
            assertThat(records.get(0).omittedCdrIds()).containsExactlyElementsOf(omitted);
            assertThat(records.subList(1, records.size())).allSatisfy(r -> assertThat(r.omittedCdrIds()).isEmpty());
        }
    }
}
