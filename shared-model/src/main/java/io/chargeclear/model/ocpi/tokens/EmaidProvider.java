package io.chargeclear.model.ocpi.tokens;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The provider part of an e-Mobility Account Identifier (EMAID, ISO 15118 / IDACS contract id such as
 * {@code NL-TNM-C12345678-X}): its country code (characters 1–2) and provider id (3–5), which together name the
 * contract's issuer, e.g. {@code NLTNM}. Contract ids are written with or without separators and in either case, so
 * both the ids an operator registers and the ids a Plug & Charge authorization carries are compared in one normal
 * form: upper case, without {@code -}, {@code *} or spaces (docs/adr/0029-plug-and-charge.md).
 */
public final class EmaidProvider {

    private static final Pattern PROVIDER = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}");
    private static final Pattern SEPARATORS = Pattern.compile("[-* ]");

    private EmaidProvider() {
    }

    /** The id in normal form: upper case, separators removed. */
    public static String normalise(String id) {
        return SEPARATORS.matcher(id).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** Whether {@code normalised} is a provider id in normal form: two letters and three letters or digits. */
    public static boolean isProviderId(String normalised) {
        return PROVIDER.matcher(normalised).matches();
    }

    /** The provider id an EMAID starts with, in normal form; empty when the uid does not start with one. */
    public static Optional<String> of(String emaid) {
        String normalised = normalise(emaid);
        if (normalised.length() < 5) {
            return Optional.empty();
        }
        String provider = normalised.substring(0, 5);
        return isProviderId(provider) ? Optional.of(provider) : Optional.empty();
    }
}
