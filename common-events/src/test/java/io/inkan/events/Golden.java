package io.inkan.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The golden JSON files under {@code src/test/resources/golden}, one per wire type, named by it. */
final class Golden {
    static final String DIRECTORY = "golden";
    static final String SUFFIX = ".json";

    /** A plain mapper, independent of {@link EventCodec}'s settings, to compare JSON as trees. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Golden() {}

    /** The golden file's bytes for a wire type such as {@code io.inkan.CertificateIssued.v1}. */
    static byte[] bytes(String type) {
        String resource = "/" + DIRECTORY + "/" + type + SUFFIX;
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no golden file " + resource + " for event type " + type);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String type) {
        return JSON.readTree(bytes(type));
    }

    /** A copy of the golden tree, to change one member of it. */
    static ObjectNode editableTree(String type) {
        return (ObjectNode) tree(type).deepCopy();
    }

    static JsonNode tree(byte[] json) {
        return JSON.readTree(json);
    }

    static byte[] bytes(JsonNode tree) {
        return JSON.writeValueAsBytes(tree);
    }

    /** The golden event of a type, as {@link EventCodec} reads it. */
    static InkanEvent event(String type) {
        return new EventCodec()
                .decode(type, bytes(type))
                .orElseThrow(() -> new AssertionError("golden " + type + " decoded to nothing"));
    }

    static <E extends InkanEvent> E event(Class<E> type) {
        return type.cast(event(EventTypes.nameOf(type)));
    }

    /** The wire types that have a golden file, from the files' names. */
    static Set<String> typesWithAFile() {
        URL directory = Golden.class.getResource("/" + DIRECTORY);
        if (directory == null) {
            throw new AssertionError("no " + DIRECTORY + " directory on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(file -> file.getFileName().toString())
                    .map(name -> name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
