package io.chargeclear.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the hub's processes and of the benchmark itself, read from {@code /proc/<pid>/stat}
 * (user + system time in clock ticks) and {@code /proc/<pid>/status}, so a run can say what each request cost across
 * the whole hub, not only how long it took.
 * <p>
 * The processes are the ones {@code scripts/hub up} started (their pids in {@code <CHARGECLEAR_HOME>/run/*.pid}) and
 * PostgreSQL, which the stack starts as a separate postmaster ({@code <data>/postgres/postmaster.pid}) with one
 * backend process per connection: PostgreSQL's figure is the postmaster's own time, its live children's, and what
 * its exited children left in its {@code cutime}/{@code cstime}, so backends that come and go are counted too.
 */
final class ProcessCpu {

    /** The hub's components in the order {@code scripts/hub} starts them. */
    private static final List<String> HUB_PROCESSES = List.of("stack", "party-registry", "ocpi-gateway",
            "session-tracking", "cdr-rating", "settlement");

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Long postmaster;
    private final long ticksPerSecond;

    private ProcessCpu(Map<String, Long> pids, Long postmaster, long ticksPerSecond) {
        this.pids.putAll(pids);
        this.postmaster = postmaster;
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * The hub's processes found under {@code hubHome} (none when it is null or holds no pid files) and this JVM.
     */
    static ProcessCpu of(Path hubHome) {
        Map<String, Long> pids = new LinkedHashMap<>();
        Long postmaster = null;
        if (hubHome != null) {
            for (String name : HUB_PROCESSES) {
                readPid(hubHome.resolve("run").resolve(name + ".pid")).ifPresent(pid -> pids.put(name, pid));
            }
            postmaster = readPid(hubHome.resolve("data").resolve("postgres").resolve("postmaster.pid")).orElse(null);
        }
        pids.put("bench (load + fake partners)", ProcessHandle.current().pid());
        return new ProcessCpu(pids, postmaster, clockTicks());
    }

    /** The process names in report order, PostgreSQL after the stack when found. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (String name : pids.keySet()) {
            names.add(name);
            if (name.equals("stack") && postmaster != null) {
                names.add("postgresql");
            }
        }
        if (postmaster != null && !names.contains("postgresql")) {
            names.add(0, "postgresql");
        }
        return names;
    }

    /** CPU seconds used so far by each process of {@link #names()}. */
    Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String name : names()) {
            long ticks = name.equals("postgresql") ? postgresTicks() : ticks(pids.get(name), false);
            seconds.put(name, ticks < 0 ? Double.NaN : (double) ticks / ticksPerSecond);
        }
        return seconds;
    }

    /**
     * Resident memory of each process of {@link #names()} now, in MiB (NaN when gone): {@code VmRSS} for a JVM;
     * for PostgreSQL the postmaster's and its backends' proportional set sizes ({@code Pss} in
     * {@code /proc/<pid>/smaps_rollup}) summed, so the shared buffers every backend maps count once.
     */
    Map<String, Double> residentMebibytes() {
        Map<String, Double> mebibytes = new LinkedHashMap<>();
        for (String name : names()) {
            double kib;
            if (name.equals("postgresql")) {
                kib = kibibytes(postmaster, "smaps_rollup", "Pss:");
                for (long child : children(postmaster)) {
                    kib += Math.max(0, kibibytes(child, "smaps_rollup", "Pss:"));
                }
            } else {
                kib = kibibytes(pids.get(name), "status", "VmRSS:");
            }
            mebibytes.put(name, kib < 0 ? Double.NaN : kib / 1024);
        }
        return mebibytes;
    }

    private static long kibibytes(Long pid, String file, String field) {
        if (pid == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static List<Long> children(Long parent) {
        List<Long> children = new ArrayList<>();
        if (parent == null) {
            return children;
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] fields = statFields(Long.parseLong(name));
                if (fields != null && Long.parseLong(fields[1]) == parent) {
                    children.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return children;
        }
        return children;
    }

    private long postgresTicks() {
        long total = ticks(postmaster, true);
        if (total < 0) {
            return -1;
        }
        for (long child : children(postmaster)) {
            String[] fields = statFields(child);
            if (fields != null) {
                total += ticksOf(fields, true);
            }
        }
        return total;
    }

    /** utime + stime (+ cutime + cstime) in ticks; -1 when the process is gone. */
    private static long ticks(Long pid, boolean withChildren) {
        if (pid == null) {
            return -1;
        }
        String[] fields = statFields(pid);
        return fields == null ? -1 : ticksOf(fields, withChildren);
    }

    private static long ticksOf(String[] fields, boolean withChildren) {
        // fields after the command: [0] state (field 3), [1] ppid, ... [11] utime (14), [12] stime, [13] cutime, [14] cstime
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks;
    }

    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command (field 2) is in parentheses and may itself hold spaces or parentheses
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static java.util.Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file).get(0).trim();
            long pid = Long.parseLong(first);
            return Files.exists(Path.of("/proc", first)) ? java.util.Optional.of(pid) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
