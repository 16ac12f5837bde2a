-- 操作记录: every change, chained by hash so an edited or deleted entry shows.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,             -- RFC 3339
    action    TEXT NOT NULL,             -- create, update, delete, import, lock, unlock, restore, ...
    tbl       TEXT NOT NULL DEFAULT '',
    key       TEXT NOT NULL DEFAULT '',
    before    TEXT NOT NULL DEFAULT '',  -- JSON of the row before
    after     TEXT NOT NULL DEFAULT '',  -- JSON of the row after
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- A year whose returns were sent as final (报出): its records are read-only
-- until unlocked with a reason.
CREATE TABLE year_locks (
    year      INTEGER PRIMARY KEY,
    locked_at TEXT NOT NULL
);

-- The revision numbers of a year's data files: a new number only when the
-- records changed since the last export, or after an unlock.
CREATE TABLE revisions (
    year     INTEGER PRIMARY KEY,
    revision INTEGER NOT NULL,
    digest   TEXT NOT NULL,           -- of the records exported under that number
    bump     INTEGER NOT NULL DEFAULT 0 -- 1 after an unlock: the next export gets a new number
);
