package io.chargeclear.partners;

import io.chargeclear.testkit.partner.OcpiPartner;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code scripts/partners --platform CC*PID ROLE --port PORT --token-b TOKEN}: one partner platform of the reader's
 * own, a real OCPI server on a fixed loopback port, so that the onboarding guide can be followed to the end on the
 * local hub: the operator registers it, and the reader connects it with curl, sending its versions URL and token B.
 * The hub's calls to it (the handshake's versions and details, then whatever the hub delivers) are printed as they
 * arrive, until Ctrl-C. It does not connect by itself and never unregisters: the guide does both.
 */
public final class LocalPlatform {

    private static final String USAGE =
            "usage: scripts/partners --platform CC*PID CPO|EMSP|OTHER [--port PORT] [--token-b TOKEN]";

    private LocalPlatform() {
    }

    public static void main(String[] args) {
        OcpiPartner platform;
        int port;
        try {
            platform = platform(List.of(args));
            port = port(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("partners: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        platform.start(port);
        DemoPartner partner = new DemoPartner("your platform", platform);
        out.printf("%s (%s) serves OCPI %s at %s and expects token B %s from the hub; until Ctrl-C%n",
                partner.label(), partner.role(), platform.version(), platform.versionsUrl(), platform.tokenB());
        out.println("Requests the hub sends to it:");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread watcher = new Thread(new HandsOn(List.of(partner), out)::watch, "platform-watch");
        watcher.setDaemon(true);
        watcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            watcher.interrupt();
            platform.close();
            stopped.countDown();
        }, "platform-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The platform {@code args} describe, not started. */
    static OcpiPartner platform(List<String> args) {
        if (args.size() < 2 || !args.get(0).matches("[A-Z]{2}\\*[A-Z0-9]{3}")) {
            throw new IllegalArgumentException("name the party as CC*PID, e.g. NL*EXA, and its role");
        }
        String countryCode = args.get(0).substring(0, 2);
        String partyId = args.get(0).substring(3);
        String tokenB = option(args, "--token-b", partyId.toLowerCase(Locale.ROOT) + "-token-b");
        return switch (args.get(1)) {
            case "CPO" -> OcpiPartner.cpo(countryCode, partyId, tokenB);
            case "EMSP" -> OcpiPartner.emsp(countryCode, partyId, tokenB);
            case "OTHER" -> OcpiPartner.paymentTerminalProvider(countryCode, partyId, tokenB);
            default -> throw new IllegalArgumentException("role " + args.get(1) + " is not CPO, EMSP or OTHER");
        };
    }

    static int port(List<String> args) {
        String port = option(args, "--port", "18090");
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not a port number");
        }
        return Integer.parseInt(port);
    }

    private static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(at + 1);
    }
}
