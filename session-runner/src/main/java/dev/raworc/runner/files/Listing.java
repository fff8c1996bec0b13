package dev.raworc.runner.files;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.raworc.api.files.FileType;
import dev.raworc.platform.content.FilePaths;

/**
 * The runner's listing of {@code /session}, as {@code stat -c '%F|%a|%s|%y|%z|%i|%n'} prints it.
 * The stamp (size, modification and change times, inode) tells whether a path may have changed since
 * the last checkpoint: any write changes the change time, which no tool can set back.
 */
final class Listing {

    record Listed(String path, FileType type, int mode, long size, Instant modifiedAt, String stamp) {
    }

    private static final DateTimeFormatter STAT_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendPattern(" xx")
            .toFormatter();
    private static final String PREFIX = FilePaths.MOUNT + "/";

    private Listing() {
    }

    /**
     * The paths listed; empty when a line does not parse (a name with a line break, an unexpected
     * {@code stat}), and the caller reads the whole directory instead. Fifos, sockets and devices are left out.
     */
    static Optional<List<Listed>> parse(String output) {
        List<Listed> listed = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\|", 7);
            if (fields.length != 7 || !fields[6].startsWith(PREFIX)) {
                return Optional.empty();
            }
            FileType type = type(fields[0]);
            if (type == null) {
                continue;
            }
            try {
                listed.add(new Listed(fields[6].substring(PREFIX.length()), type, Integer.parseInt(fields[1], 8),
                        Long.parseLong(fields[2]), time(fields[3]), String.join("|", fields[2], fields[3], fields[4], fields[5])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(listed);
    }

    private static FileType type(String described) {
        if (described.startsWith("regular")) {
            return FileType.FILE;
        }
        return switch (described) {
            case "directory" -> FileType.DIRECTORY;
            case "symbolic link" -> FileType.SYMLINK;
            default -> null;
        };
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text, STAT_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
