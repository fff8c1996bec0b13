package dev.raworc.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: for requests an HTTP client refuses to send
 * (control characters in the target or a header, odd methods, malformed headers).
 */
final class RawHttp {

    /** The request: its target and header values are sent as ISO-8859-1, one byte per character. */
    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            headers.forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
            if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return printable(new String(bytes(), StandardCharsets.ISO_8859_1), 600);
        }
    }

    /** The answer; {@code status} is 0 when the server closed the connection without one. */
    record Answer(int status, String head, String body) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status == 0 ? "no answer" : printable(head + "\n\n" + body, 600);
        }
    }

    private RawHttp() {
    }

    static Answer exchange(int port, Request request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.bytes());
            socket.getOutputStream().flush();
            byte[] received = readAll(socket.getInputStream());
            String text = new String(received, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                return new Answer(0, text, "");
            }
            String head = text.substring(0, end);
            byte[] body = java.util.Arrays.copyOfRange(received, end + 4, received.length);
            Answer answer = new Answer(Integer.parseInt(head.substring(9, 12)), head, "");
            boolean chunked = "chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"));
            return new Answer(answer.status(), head, new String(chunked ? unchunk(body) : body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // a reset after the answer (the server closing on unread input) still leaves the answer
        }
        return out.toByteArray();
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Control and non-ASCII characters as escapes, so a counterexample can be read and pasted. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (out.length() >= max) {
                return out.append("… (").append(text.length()).append(" characters)").toString();
            }
            out.append(c == '\n' || (c >= 0x20 && c < 0x7f) ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
