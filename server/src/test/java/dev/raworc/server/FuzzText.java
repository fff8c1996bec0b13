package dev.raworc.server;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Text for the fuzz test: plausible values, hostile values, and their encodings on the wire. */
final class FuzzText {

    /** Strings that have broken servers: control and format characters, lone surrogates, odd scripts. */
    private static final String[] HOSTILE = {
            "", " ", "\u0000", "a\u0000b", "\u0001", "\u001f", "\u007f", "\u0085", "\n", "\r\n", "\t",
            "\ud800", "\udc00", "x\ud83dy", "\ude00x", "\ud83d\ude00", "\uffff", "\ufffe", "\ufeff",
            "\u202e", "\u0378", "\udbff\udfff", "\udb40\udc80", "é", "ß", "\u4e2d", "%", "%00", "%zz", "%2F",
            "\\", "\"", "'", "..", "/", ";", "?", "#", "&", "=", "+", "*", "${x}", "{}", "[]", "null",
            "-0", "1e9", "NaN", "-1", "99999999999999999999", "0x10"};
    /** One character that spoils an otherwise plausible value (a password of the right length, say). */
    private static final String[] SPOILERS = {"\u0000", "\ud800", "\udfff", "\u0085", "\uffff"};

    private FuzzText() {
    }

    static Arbitrary<String> hostile() {
        Arbitrary<String> one = Arbitraries.of(HOSTILE);
        return Arbitraries.oneOf(one, one.list().ofMinSize(2).ofMaxSize(3).map(parts -> String.join("", parts)),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().alpha().ofMinLength(300).ofMaxLength(5000));
    }

    static Arbitrary<String> name() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._-").ofMinLength(1).ofMaxLength(12)
                .filter(name -> Character.isLetterOrDigit(name.charAt(0)));
    }

    /** A string value: mostly well-formed, often hostile, sometimes well-formed but for one character. */
    static Arbitrary<String> value() {
        Arbitrary<String> plausible = Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(20);
        return Arbitraries.frequencyOf(
                Tuple.of(3, plausible),
                Tuple.of(2, name()),
                Tuple.of(2, Combinators.combine(plausible, Arbitraries.of(SPOILERS)).as((text, spoiler) -> text + spoiler)),
                Tuple.of(3, hostile()));
    }

    /** Percent-encodes every character but the unreserved ones, as UTF-8 (a lone surrogate becomes '?'). */
    static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** On the wire: usually percent-encoded, sometimes raw (one byte per character, as ISO-8859-1 sends it). */
    static Arbitrary<String> onTheWire(Arbitrary<String> text) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, text.map(FuzzText::percentEncoded)),
                Tuple.of(1, text.filter(FuzzText::isLatin1)),
                Tuple.of(1, Arbitraries.of("%", "%zz", "%FF", "%C0%AF", "%ED%A0%80", "%2F", "%2e%2e", "%5C",
                        ";a=b", "%3B", "a//b", "%00", "%0A", "%25", "\u00ff\u00fe")));
    }

    /** A JSON string literal; every character outside printable ASCII escaped, lone surrogates included. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Raw on the wire, but no CR or LF: those end the request line, making it another (HTTP/0.9) request. */
    private static boolean isLatin1(String text) {
        return text.chars().allMatch(c -> c <= 0xff && c != '\r' && c != '\n');
    }
}
