package io.chargeclear.model.money;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * A list of money as the events write it ({@code [{"amount": "0.10", "currency": "EUR"}]}), for a service that keeps
 * such a list in one text or JSON column (the hub fee per session, one per currency): an amount never travels
 * without its currency, and every digit is kept.
 */
public final class MoneyJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Money>> MONEY_LIST = new TypeReference<>() {
    };

    private MoneyJson() {
    }

    public static String write(List<Money> money) {
        try {
            return JSON.writeValueAsString(money);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the money list " + money, e);
        }
    }

    /** @return the list; empty for null */
    public static List<Money> readList(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, MONEY_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored money list is not readable: " + json, e);
        }
    }
}
