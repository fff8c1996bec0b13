package dev.raworc.command.seed;

import java.util.List;
import java.util.stream.Stream;

import dev.raworc.api.access.Rule;

/** The roles every installation has from its first start. They cannot be deleted. */
final class BuiltInRoles {

    record BuiltInRole(String name, String description, List<Rule> rules) {
    }

    static final String ADMIN = "admin";

    private static final List<String> API = List.of("api");
    private static final List<String> CRUD = List.of("get", "list", "create", "update", "delete");

    static final List<BuiltInRole> ALL = List.of(
            new BuiltInRole(ADMIN, "Everything, everywhere",
                    List.of(new Rule(List.of("*"), List.of("*"), List.of("*"), null))),
            new BuiltInRole("operator", "Runs sessions: sessions with their files, messages and secrets with their values; "
                    + "reads spaces, and webhooks with their deliveries",
                    List.of(new Rule(API, List.of("sessions"), plus(CRUD, "audit", "read-files", "write-files"), null),
                            new Rule(API, List.of("messages"), CRUD, null),
                            new Rule(API, List.of("secrets"), plus(CRUD, "read-values"), null),
                            new Rule(API, List.of("spaces", "webhooks"), List.of("get", "list"), null))),
            new BuiltInRole("viewer", "Reads sessions with their files, messages, spaces and secret metadata",
                    List.of(new Rule(API, List.of("sessions", "messages", "spaces", "secrets"), List.of("get", "list"), null),
                            new Rule(API, List.of("sessions"), List.of("read-files"), null))));

    private BuiltInRoles() {
    }

    private static List<String> plus(List<String> verbs, String... more) {
        return Stream.concat(verbs.stream(), Stream.of(more)).toList();
    }
}
