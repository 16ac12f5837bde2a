-- The 操作记录 gets AUTOINCREMENT ids: SQLite then remembers the highest id
-- ever used (sqlite_sequence), so deleting the newest entries is detectable
-- too, not only entries in the middle of the chain.
CREATE TABLE audit_new (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,
    tbl       TEXT NOT NULL DEFAULT '',
    key       TEXT NOT NULL DEFAULT '',
    before    TEXT NOT NULL DEFAULT '',
    after     TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
INSERT INTO audit_new SELECT id, at, action, tbl, key, before, after, detail, prev_hash, hash FROM audit;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
