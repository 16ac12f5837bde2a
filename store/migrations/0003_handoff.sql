-- The installation's own identity: its Ed25519 signing key and the secret
-- that turns a 身份证号 into a 人员标识. Kept in the database so that every
-- backup carries them.
CREATE TABLE identity (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    private_key BLOB NOT NULL,
    hmac_secret BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

-- Lower units known from received files (a province learns the counties
-- inside a prefecture's file).
CREATE TABLE units (
    code  TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    level TEXT NOT NULL
);

-- The targets a lower unit reported with its records.
CREATE TABLE unit_targets (
    unit_code  TEXT NOT NULL,
    year       INTEGER NOT NULL,
    indicator  TEXT NOT NULL,
    categories TEXT NOT NULL DEFAULT '',
    value      REAL NOT NULL,
    PRIMARY KEY (unit_code, year, indicator, categories)
);

-- The data files accepted from lower units: one row per sender and year.
CREATE TABLE received (
    sender      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    digest      TEXT NOT NULL,  -- SHA-256 of the records entry
    file_name   TEXT NOT NULL,
    sent_at     TEXT NOT NULL,
    received_at TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (sender, year)
);

-- The rendered returns inside accepted files, to print without regenerating.
CREATE TABLE received_returns (
    sender TEXT NOT NULL,
    year   INTEGER NOT NULL,
    name   TEXT NOT NULL,
    data   BLOB NOT NULL,
    PRIMARY KEY (sender, year, name)
);

-- Keys pinned per sender after the clerk confirmed the fingerprint by phone.
CREATE TABLE trusted_keys (
    sender      TEXT PRIMARY KEY,
    public_key  BLOB NOT NULL,
    fingerprint TEXT NOT NULL,
    pinned_at   TEXT NOT NULL
);

ALTER TABLE secondments ADD COLUMN id_masked TEXT NOT NULL DEFAULT ''; -- for display above county level
