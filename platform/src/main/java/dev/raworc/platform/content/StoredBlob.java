package dev.raworc.platform.content;

/** A content in the store: its SHA-256 (hex), its size, and whether this store added it just now. */
public record StoredBlob(String hash, long size, boolean added) {

    /** The bytes this store took on for it: none when it held the content already. */
    public long bytesAdded() {
        return added ? size : 0;
    }
}
