package dev.raworc.query.files;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SessionTargets;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * The reads of a session's files, live or closed: listings, downloads (a directory as a tar) and
 * checkpoints; now, or with {@code as_of_seq} as they were at a message. Paths are relative to
 * {@code /session}; one leading outside it, however, is a 400.
 */
@RestController
class FileQueryController {

    private static final MediaType TAR = MediaType.parseMediaType(FileDownloads.TAR);

    private final FileViews views;
    private final FileDownloads downloads;
    private final SessionTargets sessions;

    FileQueryController(FileViews views, FileDownloads downloads, SessionTargets sessions) {
        this.views = views;
        this.downloads = downloads;
        this.sessions = sessions;
    }

    @GetMapping("/sessions/{id}/files")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.READ_FILES)
    @Operation(summary = "List a directory of the session's files by name (path: the directory, default /session itself); "
            + "as_of_seq=N: as they were at message N")
    Page<FileView> list(@PathVariable String id,
                        @Parameter(description = "The directory, relative to /session") @RequestParam(required = false) String path,
                        @Parameter(description = "The files of the newest checkpoint at or before this message")
                        @RequestParam(name = "as_of_seq", required = false) Long asOfSeq,
                        PageRequest page) {
        Manifest files = files(id, asOfSeq);
        LocatedPath dir = LocatedPath.in(files, path);
        if (!dir.isDirectory()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Path '" + dir.path() + "' is a file, not a directory; "
                    + "GET /sessions/" + id + "/files/" + dir.path() + " downloads it");
        }
        return listing(files, dir, page);
    }

    /** Declared as {@code Object}: a listing is a page, a download is written to the response directly. */
    @GetMapping("/sessions/{id}/files/{*path}")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.READ_FILES)
    @Operation(summary = "Download a file of the session (ETag: its content hash); a directory as a tar with "
            + "Accept: application/x-tar, otherwise its listing; as_of_seq=N: as it was at message N")
    Object download(@PathVariable String id, @PathVariable String path,
                    @Parameter(description = "The files of the newest checkpoint at or before this message")
                    @RequestParam(name = "as_of_seq", required = false) Long asOfSeq,
                    @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                    @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                    PageRequest page, HttpServletResponse response) throws IOException {
        Manifest files = files(id, asOfSeq);
        // the pattern's capture starts with the slash after "files"
        LocatedPath located = LocatedPath.in(files, path.startsWith("/") ? path.substring(1) : path);
        if (!located.isDirectory()) {
            downloads.file(located, ifNoneMatch, response);
            return null;
        }
        if (acceptsTar(accept)) {
            downloads.tar(files, located, response);
            return null;
        }
        return listing(files, located, page);
    }

    @GetMapping("/sessions/{id}/checkpoints")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.READ_FILES)
    @Operation(summary = "The session's checkpoints of its files, oldest first; expired ones are listed, their files gone")
    Page<CheckpointView> checkpoints(@PathVariable String id, PageRequest page) {
        return views.checkpoints(sessions.live(id).id(), page);
    }

    private Manifest files(String id, Long asOfSeq) {
        UUID session = sessions.live(id).id();
        if (asOfSeq == null) {
            return views.current(session);
        }
        if (asOfSeq < 0) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Query parameter 'as_of_seq' must be a non-negative integer");
        }
        return views.asOf(session, asOfSeq);
    }

    private static Page<FileView> listing(Manifest files, LocatedPath dir, PageRequest page) {
        List<FileView> all = dir.children(files);
        int from = (int) Math.min(page.offset(), all.size());
        int to = (int) Math.min((long) from + page.limit(), all.size());
        return Page.of(all.subList(from, to), all.size(), page);
    }

    private static boolean acceptsTar(String accept) {
        try {
            return accept != null && MediaType.parseMediaTypes(accept).stream().anyMatch(TAR::equalsTypeAndSubtype);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }
}
