-- The records of a unit, as in shared/spec/workbook.md. Natural keys are
-- UNIQUE so that re-importing a workbook updates rows in place.

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY CHECK (id = 1), -- one row: this installation's unit
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('county', 'prefecture', 'province')),
    head       TEXT NOT NULL DEFAULT '',
    stats_head TEXT NOT NULL DEFAULT '',
    preparer   TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    authority  TEXT NOT NULL DEFAULT '',
    doc_no     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE schools (
    id          INTEGER PRIMARY KEY,
    unit_code   TEXT NOT NULL,       -- the unit that reported the school
    code        TEXT NOT NULL UNIQUE, -- 学校标识码
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    region      TEXT NOT NULL,
    ownership   TEXT NOT NULL,
    quality     TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    closed_year INTEGER
);

CREATE TABLE enterprises (
    id          INTEGER PRIMARY KEY,
    credit_code TEXT NOT NULL UNIQUE, -- 统一社会信用代码
    name        TEXT NOT NULL,
    industry    TEXT NOT NULL DEFAULT '',
    grade       TEXT NOT NULL DEFAULT '', -- 产教融合型企业等级
    region      TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE majors (
    id          INTEGER PRIMARY KEY,
    school_id   INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    opened_year INTEGER,
    status      TEXT NOT NULL,
    enrolled    INTEGER NOT NULL,
    graduates   INTEGER NOT NULL,
    progressed  INTEGER NOT NULL,
    order_class INTEGER NOT NULL DEFAULT 0,
    through     TEXT NOT NULL DEFAULT '',
    quality     TEXT NOT NULL DEFAULT '',
    UNIQUE (school_id, year, code)
);
CREATE INDEX majors_year ON majors (year);

CREATE TABLE major_enterprises (
    major_id      INTEGER NOT NULL REFERENCES majors (id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    PRIMARY KEY (major_id, enterprise_id)
);
CREATE INDEX major_enterprises_enterprise ON major_enterprises (enterprise_id);

CREATE TABLE secondments (
    id            INTEGER PRIMARY KEY,
    school_id     INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    gender        TEXT NOT NULL DEFAULT '',
    id_number     TEXT NOT NULL DEFAULT '',
    person_key    TEXT NOT NULL DEFAULT '', -- 人员标识: keyed hash from the level below
    direction     TEXT NOT NULL,
    post          TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL DEFAULT '', -- '' = still running
    note          TEXT NOT NULL DEFAULT '',
    UNIQUE (school_id, enterprise_id, name, start_date)
);
CREATE INDEX secondments_enterprise ON secondments (enterprise_id);

CREATE TABLE trainings (
    id            INTEGER PRIMARY KEY,
    school_id     INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    category      TEXT NOT NULL,
    count         INTEGER NOT NULL,
    hours         INTEGER NOT NULL DEFAULT 0,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL DEFAULT '',
    enterprise_id INTEGER REFERENCES enterprises (id) ON DELETE SET NULL,
    UNIQUE (school_id, name, category, start_date)
);
CREATE INDEX trainings_enterprise ON trainings (enterprise_id);

-- Targets per year. categories is '' except for training targets, where it
-- lists the 培训对象 the target covers, joined by '、' in canonical order.
CREATE TABLE targets (
    year       INTEGER NOT NULL,
    indicator  TEXT NOT NULL,
    categories TEXT NOT NULL DEFAULT '',
    value      REAL NOT NULL,
    PRIMARY KEY (year, indicator, categories)
);

-- 经验校验说明: the clerk's explanation of a warning, kept with the record.
CREATE TABLE explanations (
    tbl   TEXT NOT NULL,
    key   TEXT NOT NULL,
    field TEXT NOT NULL,
    note  TEXT NOT NULL,
    PRIMARY KEY (tbl, key, field)
);
