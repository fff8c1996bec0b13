-- The content store: files of sessions by the SHA-256 of their content, in chunks of 1 MiB, and
-- the manifests that name them. The command side and the runner write it; every side reads it.
CREATE TABLE content_blobs (
    hash      char(64)    PRIMARY KEY,
    size      bigint      NOT NULL,
    chunks    integer     NOT NULL,
    -- refreshed whenever a writer relies on the blob again, so the sweep spares it meanwhile
    stored_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE content_chunks (
    hash char(64) NOT NULL REFERENCES content_blobs (hash) ON DELETE CASCADE,
    idx  integer  NOT NULL,
    data bytea    NOT NULL,
    PRIMARY KEY (hash, idx)
);

CREATE TABLE content_manifests (
    hash      char(64)    PRIMARY KEY,
    data      bytea       NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now()
);

-- which blobs a manifest names: what keeps them from the sweep
CREATE TABLE content_manifest_blobs (
    manifest_hash char(64) NOT NULL REFERENCES content_manifests (hash) ON DELETE CASCADE,
    blob_hash     char(64) NOT NULL REFERENCES content_blobs (hash),
    PRIMARY KEY (manifest_hash, blob_hash)
);
CREATE INDEX content_manifest_blobs_blob ON content_manifest_blobs (blob_hash);

-- the checkpoints whose files are kept (a session's deletion and retention remove rows)
CREATE TABLE content_checkpoints (
    session_id    uuid        NOT NULL,
    checkpoint_no bigint      NOT NULL,
    manifest_hash char(64)    NOT NULL REFERENCES content_manifests (hash),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, checkpoint_no)
);
CREATE INDEX content_checkpoints_manifest ON content_checkpoints (manifest_hash);

-- uploads not yet in a checkpoint of their session
CREATE TABLE content_holds (
    session_id uuid     NOT NULL,
    write_no   bigint   NOT NULL,
    blob_hash  char(64) NOT NULL REFERENCES content_blobs (hash),
    PRIMARY KEY (session_id, write_no, blob_hash)
);
CREATE INDEX content_holds_blob ON content_holds (blob_hash);
