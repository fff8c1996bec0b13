package dev.raworc.platform.content;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FileType;

/**
 * How a manifest is stored: a JSON array of items, each an array of path, type, size, mode,
 * modified time (epoch milliseconds), hash, symlink target and stamp, in path order. Equal
 * manifests encode to equal bytes, so the bytes' hash names the manifest.
 */
final class ManifestCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ManifestCodec() {
    }

    static byte[] encode(Manifest manifest) {
        List<List<Object>> rows = new ArrayList<>(manifest.size());
        for (Manifest.Item item : manifest.items()) {
            FileEntry entry = item.entry();
            rows.add(Arrays.asList(entry.path(), entry.type().wireName(), entry.size(), entry.mode(),
                    entry.modifiedAt() == null ? null : entry.modifiedAt().toEpochMilli(), entry.hash(), entry.target(),
                    item.stamp()));
        }
        return JSON.writeValueAsBytes(rows);
    }

    static Manifest decode(byte[] bytes) {
        List<Manifest.Item> items = new ArrayList<>();
        for (JsonNode row : JSON.readTree(bytes)) {
            FileEntry entry = new FileEntry(row.get(0).asString(), FileType.valueOf(row.get(1).asString().toUpperCase(Locale.ROOT)),
                    row.get(2).asLong(), row.get(3).asInt(),
                    row.get(4).isNull() ? null : Instant.ofEpochMilli(row.get(4).asLong()),
                    text(row.get(5)), text(row.get(6)));
            items.add(new Manifest.Item(entry, text(row.get(7))));
        }
        return Manifest.of(items);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
