package io.inkan.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How an operator command reaches the broker: the bootstrap servers ({@code --bootstrap-servers}, or
 * {@code --bootstrap} as the other commands spell it, else {@code INKAN_BOOTSTRAP}, else the local
 * default) and any client settings a TLS or SASL broker needs, from a properties file
 * ({@code --kafka-config}) and single {@code --kafka-property name=value}s, the latter winning. The
 * settings are never printed: {@code sasl.jaas.config} holds a password.
 */
record KafkaConnection(String bootstrap, Map<String, Object> settings) {
    static final Set<String> OPTIONS = Set.of("bootstrap-servers", "bootstrap", "kafka-config");
    static final Set<String> REPEATABLE = Set.of("kafka-property");

    static KafkaConnection from(Args args, Terminal terminal) {
        if (args.option("bootstrap-servers") != null && args.option("bootstrap") != null) {
            throw CliFailure.usage("give either --bootstrap-servers or --bootstrap, not both");
        }
        Map<String, Object> settings = new HashMap<>();
        String file = args.option("kafka-config");
        if (file != null) {
            fromFile(Path.of(file)).forEach((name, value) -> settings.put((String) name, value));
        }
        for (String property : args.all("kafka-property")) {
            int equals = property.indexOf('=');
            if (equals <= 0) {
                throw CliFailure.usage("--kafka-property needs name=value, not '" + property + "'");
            }
            settings.put(property.substring(0, equals).strip(), property.substring(equals + 1));
        }
        String explicit = args.option("bootstrap-servers", args.option("bootstrap"));
        String bootstrap = explicit != null
                ? explicit
                : (String) settings.getOrDefault(
                        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        terminal.env("INKAN_BOOTSTRAP", Inkan.DEFAULT_BOOTSTRAP));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaConnection(bootstrap, Map.copyOf(settings));
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
