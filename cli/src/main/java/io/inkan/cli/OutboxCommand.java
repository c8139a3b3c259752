package io.inkan.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code inkan outbox dead|replay}: the events a service's outbox relay set aside because the broker refused
 * them for good (outbox_dead_event), and moving them back into outbox_event once the cause is fixed, where
 * the running service's relay sends them on its next round. Payloads are never read out: events carry
 * customers' data.
 */
@Command(
        name = "outbox",
        customSynopsis = {
            "inkan outbox dead --jdbc-url URL [--user U] [--password-env VAR] [--json]",
            "       inkan outbox replay --jdbc-url URL (--id N | --all) [--user U] [--password-env VAR]"
        },
        description = "The events a service's outbox relay set aside because Kafka refused them for good, and"
                + " moving them back into the outbox.",
        footer = {"", OutboxCommand.DATABASE, "", OutboxCommand.EXIT_CODES})
final class OutboxCommand implements Callable<Integer> {
    static final String DATABASE = "URL is the service's database (spring.datasource.url), e.g."
            + " jdbc:postgresql://db:5432/auth. With PostgreSQL this works while the services run. A service's"
            + " embedded H2 database (jdbc:h2:file:...) is locked by the running service: stop the service first,"
            + " then start it again after. --user defaults to sa for H2. The password comes from the environment"
            + " variable named by --password-env, never from the command line (ps would show it).";

    static final String EXIT_CODES = "exit codes: 0 done, also when there was nothing to list or move; 3 no such"
            + " dead event, no H2 database there, no outbox tables, or the login refused; 4 the database unreachable"
            + " or an H2 database in use; 2 wrong command line";

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    OutboxCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** outbox with its subcommands dead and replay. */
    CommandLine commandLine() {
        return new CommandLine(this).addSubcommand(new DeadCommand()).addSubcommand(new ReplayCommand());
    }

    /** {@code inkan outbox} alone: which subcommands there are. */
    @Override
    public Integer call() {
        return CommandLines.missingSubcommand(spec);
    }

    @Command(
            name = "dead",
            customSynopsis = "inkan outbox dead --jdbc-url URL [--user U] [--password-env VAR] [--json]",
            description = {
                "Lists the events a service's outbox set aside because Kafka refused them for good.",
                "One line each (too large, an invalid topic): id, event id, topic, key, type, when and why. Never"
                        + " the payload."
            },
            footer = {"", DATABASE, "", EXIT_CODES})
    final class DeadCommand implements Callable<Integer> {
        @Mixin
        ServiceDatabase.Options databaseOptions;

        @Option(names = "--json", description = "one JSON object per line")
        Boolean jsonGiven;

        @Override
        public Integer call() {
            boolean json = Boolean.TRUE.equals(jsonGiven);
            ServiceDatabase database = databaseOptions.database(terminal);
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT id, event_id, topic, record_key, event_type, occurred_at, failed_at, failure"
                                    + " FROM outbox_dead_event ORDER BY id");
                    ResultSet rows = select.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    DeadEvent event = DeadEvent.of(rows);
                    terminal.out.println(json ? event.json() : event.readable());
                    count++;
                }
                terminal.err.println(
                        count == 0
                                ? "No dead outbox events."
                                : count + " dead outbox event(s); inkan outbox replay"
                                        + " --id N moves one back into the outbox.");
                return ExitCode.OK;
            } catch (SQLException e) {
                throw database.failure(e);
            }
        }
    }

    @Command(
            name = "replay",
            customSynopsis = "inkan outbox replay --jdbc-url URL (--id N | --all) [--user U] [--password-env VAR]",
            description = {
                "Moves them back into the outbox; the running service sends them. On the services' embedded H2"
                        + " database, stop the service first (it locks the file); PostgreSQL needs no stop.",
                "The event with that id (or all of them) goes back in one transaction, with its event id, topic,"
                        + " key, type, payload and time; the running service sends it on its next relay round,"
                        + " after the events waiting there now. Fix the cause first (max.message.bytes...)."
            },
            footer = {"", DATABASE, "", EXIT_CODES})
    final class ReplayCommand implements Callable<Integer> {
        @Mixin
        ServiceDatabase.Options databaseOptions;

        @Option(names = "--id", paramLabel = "N", description = "the dead event's id (inkan outbox dead)")
        String idText;

        @Option(names = "--all", description = "every dead event")
        Boolean allGiven;

        @Override
        public Integer call() {
            boolean all = Boolean.TRUE.equals(allGiven);
            if (all == (idText != null)) {
                throw CliFailure.usage("replay needs either --id N or --all");
            }
            long id = all ? 0 : Options.positive("id", idText, 0);
            ServiceDatabase database = databaseOptions.database(terminal);
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    List<DeadEvent> events = lockDead(connection, all ? null : id);
                    if (events.isEmpty() && !all) {
                        throw CliFailure.refused("there is no dead outbox event with id " + id);
                    }
                    List<String> moved = new ArrayList<>();
                    for (DeadEvent event : events) {
                        moved.add(
                                "moved " + event.id() + " back into the outbox as " + moveBack(connection, event) + "  "
                                        + EventLine.shortType(event.type()) + "  event=" + event.eventId() + "  key="
                                        + event.key());
                    }
                    connection.commit();
                    moved.forEach(terminal.out::println);
                    terminal.err.println(
                            events.isEmpty()
                                    ? "No dead outbox events."
                                    : events.size() + " event(s) wait in the outbox; the service's relay sends them.");
                    return ExitCode.OK;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw CliFailure.refused("an event of that id is in the outbox already, waiting to be sent; nothing"
                            + " was moved: " + e.getMessage());
                }
                throw database.failure(e);
            }
        }
    }

    /** The rows to move, locked so that two operators never move one event twice. */
    private static List<DeadEvent> lockDead(Connection connection, Long id) throws SQLException {
        String sql = "SELECT id, event_id, topic, record_key, event_type, occurred_at, failed_at, failure"
                + " FROM outbox_dead_event" + (id == null ? "" : " WHERE id = ?") + " ORDER BY id FOR UPDATE";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (id != null) {
                select.setLong(1, id);
            }
            List<DeadEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(DeadEvent.of(rows));
                }
            }
            return events;
        }
    }

    /**
     * Copies the row into outbox_event inside the database (the payload never leaves it) with a new id from
     * the identity, so it goes out after what is waiting now, and deletes it from outbox_dead_event.
     * Returns its new id.
     */
    private static long moveBack(Connection connection, DeadEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at)"
                                + " SELECT event_id, topic, record_key, event_type, payload, occurred_at"
                                + " FROM outbox_dead_event WHERE id = ?");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_dead_event WHERE id = ?");
                PreparedStatement newId =
                        connection.prepareStatement("SELECT id FROM outbox_event WHERE event_id = ?")) {
            insert.setLong(1, event.id());
            insert.executeUpdate();
            delete.setLong(1, event.id());
            delete.executeUpdate();
            newId.setString(1, event.eventId());
            try (ResultSet row = newId.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** One row of outbox_dead_event, without its payload. */
    private record DeadEvent(
            long id,
            String eventId,
            String topic,
            String key,
            String type,
            OffsetDateTime occurredAt,
            OffsetDateTime failedAt,
            String failure) {

        static DeadEvent of(ResultSet row) throws SQLException {
            return new DeadEvent(
                    row.getLong("id"),
                    row.getString("event_id"),
                    row.getString("topic"),
                    row.getString("record_key"),
                    row.getString("event_type"),
                    row.getObject("occurred_at", OffsetDateTime.class),
                    row.getObject("failed_at", OffsetDateTime.class),
                    row.getString("failure"));
        }

        /** {@code 41  event=...  inkan.auth.events  key=C001:U001  CertificateIssued  failed=...  failure=...}. */
        String readable() {
            return id + "  event=" + eventId + "  " + topic + "  key=" + key + "  " + EventLine.shortType(type)
                    + "  failed=" + failedAt.toInstant() + "  failure=" + failure.replaceAll("\\s*\\R\\s*", " ");
        }

        String json() {
            ObjectNode line = Http.JSON.createObjectNode();
            line.put("id", id);
            line.put("eventId", eventId);
            line.put("topic", topic);
            line.put("key", key);
            line.put("type", type);
            line.put("occurredAt", occurredAt.toInstant().toString());
            line.put("failedAt", failedAt.toInstant().toString());
            line.put("failure", failure);
            return Http.JSON.writeValueAsString(line);
        }
    }
}
