package io.chargeclear.k8scheck;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root: the nearest directory upwards holding {@code docs/events/README.md}. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("chargeclear.root");
        Path start = (configured != null ? Path.of(configured) : Path.of("")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/events/README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/events/README.md above " + start);
    }
}
