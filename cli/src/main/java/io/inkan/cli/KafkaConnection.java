package io.inkan.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * How a command reaches the broker: the bootstrap servers ({@code --bootstrap-servers}, or
 * {@code --bootstrap} as the other commands spell it, else {@code INKAN_BOOTSTRAP}, else the local
 * default) and any client settings a TLS or SASL broker needs, from a properties file
 * ({@code --kafka-config}) and single {@code --kafka-property name=value}s, the latter winning. The
 * settings are never printed: {@code sasl.jaas.config} holds a password.
 */
record KafkaConnection(String bootstrap, Map<String, Object> settings) {

    /** The options, shared by every command that talks to Kafka (a picocli mixin). */
    static final class Options {
        @Option(
                names = "--bootstrap-servers",
                paramLabel = "HOST:PORT",
                description = "Kafka's bootstrap servers (also --bootstrap; default INKAN_BOOTSTRAP, else "
                        + Inkan.DEFAULT_BOOTSTRAP + ")")
        String bootstrapServers;

        @Option(names = "--bootstrap", paramLabel = "HOST:PORT", hidden = true)
        String bootstrap;

        @Option(
                names = "--kafka-config",
                paramLabel = "FILE",
                description = "Kafka client properties (security.protocol, ssl.*, sasl.mechanism, sasl.jaas.config"
                        + " ...); keep secrets in this file, not on the command line, where ps shows them")
        String file;

        @Option(
                names = "--kafka-property",
                paramLabel = "NAME=VALUE",
                description = "one Kafka client property, repeatable; wins over the file")
        List<String> properties = new ArrayList<>();

        KafkaConnection connect(Terminal terminal) {
            if (bootstrapServers != null && bootstrap != null) {
                throw CliFailure.usage("give either --bootstrap-servers or --bootstrap, not both");
            }
            Map<String, Object> settings = new HashMap<>();
            if (file != null) {
                fromFile(Path.of(file)).forEach((name, value) -> settings.put((String) name, value));
            }
            for (String property : properties) {
                int equals = property.indexOf('=');
                if (equals <= 0) {
                    throw CliFailure.usage("--kafka-property needs name=value, not '" + property + "'");
                }
                settings.put(property.substring(0, equals).strip(), property.substring(equals + 1));
            }
            String explicit = bootstrapServers != null ? bootstrapServers : bootstrap;
            String servers = explicit != null && !explicit.isBlank()
                    ? explicit
                    : (String) settings.getOrDefault(
                            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                            terminal.env("INKAN_BOOTSTRAP", Inkan.DEFAULT_BOOTSTRAP));
            settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
            return new KafkaConnection(servers, Map.copyOf(settings));
        }
    }

    /** The connection settings with a client's own on top (serializers, group, timeouts). */
    Map<String, Object> with(Map<String, Object> clientSettings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putAll(clientSettings);
        return all;
    }

    private static Properties fromFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw CliFailure.usage("no such file: " + file);
        } catch (IOException e) {
            throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
        }
        return properties;
    }
}
