-- The second half of shared/spec/measures.md: teaching staff, awards and
-- government–school–enterprise activities.

CREATE TABLE teachers (
    id            INTEGER PRIMARY KEY,
    school_id     INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    full_time     INTEGER NOT NULL, -- 专任教师数
    professional  INTEGER NOT NULL, -- 专业课教师数
    dual          INTEGER NOT NULL, -- 双师型教师数
    part_time     INTEGER,          -- 兼职教师数; NULL when not given
    UNIQUE (school_id, year)
);

CREATE TABLE awards (
    id          INTEGER PRIMARY KEY,
    school_id   INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    project     TEXT NOT NULL, -- 项目名称
    category    TEXT NOT NULL, -- 类别
    level       TEXT NOT NULL, -- 级别
    rank        TEXT NOT NULL, -- 等次
    winner_type TEXT NOT NULL, -- 获奖对象
    winners     TEXT NOT NULL, -- 获奖者
    award_date  TEXT NOT NULL,
    UNIQUE (school_id, project, winners, award_date)
);

-- Activities belong to the unit that recorded them, like carriers.
CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    unit_code   TEXT NOT NULL,
    type        TEXT NOT NULL,
    name        TEXT NOT NULL,
    activity_date TEXT NOT NULL,
    lead        TEXT NOT NULL DEFAULT '', -- 牵头单位
    enterprises INTEGER,                  -- 参加企业数
    schools     INTEGER,                  -- 参加学校数
    visited     INTEGER,                  -- 走访企业数
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (unit_code, type, activity_date, name)
);
