import GRDB

/// The database schema, as string-named migrations that are never edited once shipped: a change
/// is a new migration appended at the end.
///
/// Integrity lives in the schema (NOT NULL, CHECK, UNIQUE, foreign keys), so that no code path can
/// store a parent at an unknown site or a mentor with capacity 0.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-program") { db in
            try db.execute(sql: """
                CREATE TABLE program_settings (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    name TEXT NOT NULL,
                    timezone TEXT NOT NULL,
                    term_start TEXT NOT NULL,
                    term_end TEXT NOT NULL CHECK (term_end >= term_start),
                    toml TEXT NOT NULL
                );
                CREATE TABLE sites (
                    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                    name TEXT NOT NULL,
                    address TEXT,
                    attributes TEXT NOT NULL
                );
                CREATE TABLE mentors (
                    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                    name TEXT NOT NULL,
                    email TEXT,
                    phone TEXT,
                    languages TEXT NOT NULL CHECK (languages <> ''),
                    modes TEXT NOT NULL CHECK (modes <> ''),
                    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100),
                    availability TEXT NOT NULL,
                    open_house INTEGER NOT NULL CHECK (open_house IN (0, 1)),
                    topics TEXT NOT NULL,
                    attributes TEXT NOT NULL
                );
                CREATE TABLE mentor_sites (
                    mentor_id TEXT NOT NULL REFERENCES mentors(id) ON DELETE CASCADE,
                    site_id TEXT NOT NULL REFERENCES sites(id),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (mentor_id, site_id)
                );
                CREATE INDEX mentor_sites_site ON mentor_sites(site_id);
                CREATE TABLE parents (
                    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                    name TEXT NOT NULL,
                    email TEXT,
                    phone TEXT,
                    languages TEXT NOT NULL CHECK (languages <> ''),
                    site_id TEXT NOT NULL REFERENCES sites(id),
                    modes TEXT NOT NULL CHECK (modes <> ''),
                    availability TEXT NOT NULL,
                    open_house INTEGER NOT NULL CHECK (open_house IN (0, 1)),
                    topics TEXT NOT NULL,
                    attributes TEXT NOT NULL
                );
                CREATE INDEX parents_site ON parents(site_id);
                CREATE TABLE open_houses (
                    site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
                    start_minute INTEGER NOT NULL,
                    end_minute INTEGER NOT NULL CHECK (end_minute > start_minute),
                    title TEXT NOT NULL,
                    source_uid TEXT NOT NULL,
                    PRIMARY KEY (site_id, start_minute, source_uid)
                );
                CREATE TABLE blackouts (
                    date TEXT PRIMARY KEY NOT NULL
                );
                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    imported_at TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    sites INTEGER NOT NULL,
                    mentors INTEGER NOT NULL,
                    parents INTEGER NOT NULL,
                    open_houses INTEGER NOT NULL,
                    blackouts INTEGER NOT NULL,
                    changes INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-runs") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    settings_toml TEXT NOT NULL,
                    score INTEGER NOT NULL,
                    bound INTEGER NOT NULL,
                    parents INTEGER NOT NULL,
                    matched INTEGER NOT NULL CHECK (matched <= parents),
                    groups INTEGER NOT NULL,
                    schedule_json TEXT NOT NULL
                );
                CREATE TABLE run_assignments (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    parent_id TEXT NOT NULL,
                    mentor_id TEXT,
                    group_id TEXT,
                    PRIMARY KEY (run_id, parent_id),
                    CHECK ((mentor_id IS NULL) = (group_id IS NULL))
                );
                """)
        }
        migrator.registerMigration("v3-feeds") { db in
            // Feed tokens are secrets kept in the clear: they name the published files and fill
            // out/feeds.csv. The database is readable by its owner only (see Store.init).
            try db.execute(sql: """
                CREATE TABLE feed_tokens (
                    kind TEXT NOT NULL CHECK (kind IN ('parent', 'mentor', 'site')),
                    owner_id TEXT NOT NULL CHECK (owner_id <> ''),
                    token TEXT NOT NULL UNIQUE CHECK (length(token) >= 26),
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (kind, owner_id)
                );
                CREATE TABLE feed_events (
                    kind TEXT NOT NULL CHECK (kind IN ('parent', 'mentor', 'site')),
                    owner_id TEXT NOT NULL,
                    uid TEXT NOT NULL CHECK (uid <> ''),
                    sequence INTEGER NOT NULL CHECK (sequence >= 0),
                    last_modified INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
                    content_hash TEXT NOT NULL,
                    content TEXT NOT NULL,
                    PRIMARY KEY (kind, owner_id, uid)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-feed-contents") { db in
            // Each distinct set of event texts is stored once (see StoredTexts): at 60,000 parents
            // the history shrinks from about 650 MB to about 100 MB. `content_id` is not declared
            // as a foreign key: SQLite would then need an index on it to delete contents, which
            // costs every first publication as much time again as writing the rows; instead every
            // statement that deletes or changes history rows ends with
            // FeedContents.deleteUnreferenced, and reading fails on an unknown id.
            // The kind is checked with OR, not IN: SQLite checks an IN list of three or more
            // values through a temporary table built for every row written (a quarter of the
            // time of storing a first publication at 60,000 parents).
            try db.execute(sql: """
                CREATE TABLE feed_contents (
                    id INTEGER PRIMARY KEY,
                    content TEXT NOT NULL UNIQUE
                );
                CREATE TABLE feed_events_v4 (
                    kind TEXT NOT NULL CHECK (kind = 'parent' OR kind = 'mentor' OR kind = 'site'),
                    owner_id TEXT NOT NULL,
                    uid TEXT NOT NULL CHECK (uid <> ''),
                    start_minute INTEGER NOT NULL,
                    end_minute INTEGER NOT NULL,
                    sequence INTEGER NOT NULL CHECK (sequence >= 0),
                    last_modified INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
                    content_id INTEGER NOT NULL,
                    PRIMARY KEY (kind, owner_id, uid)
                ) WITHOUT ROWID;
                """)
            try FeedContents.migrateV3History(db)
            try db.execute(sql: """
                DROP TABLE feed_events;
                ALTER TABLE feed_events_v4 RENAME TO feed_events;
                """)
        }
        migrator.registerMigration("v5-run-effort") { db in
            // The solver's effort shapes the run's schedule as much as its settings do; runs
            // stored before it existed were all standard.
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN effort TEXT NOT NULL DEFAULT 'standard'
                    CHECK (effort = 'standard' OR effort = 'thorough');
                """)
        }
        migrator.registerMigration("v6-typed-runs") { db in
            // A run's schedule as rows, written once and read by every command, instead of a
            // schedule.json text plus a second copy of its assignments. Membership is kept as
            // stints (a parent in a group for the sessions that start in [from, until)), so that
            // held sessions keep the parents they were held for while the future is re-planned.
            // Times are local minutes, exactly as planned (no offset to drop and re-derive).
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN program_name TEXT NOT NULL DEFAULT '';
                ALTER TABLE runs ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';
                ALTER TABLE runs ADD COLUMN now_minute INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE run_terms (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    value INTEGER NOT NULL,
                    PRIMARY KEY (run_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE run_groups (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    group_id TEXT NOT NULL CHECK (group_id <> ''),
                    mentor_id TEXT NOT NULL CHECK (mentor_id <> ''),
                    kind TEXT NOT NULL CHECK (kind = 'weekly' OR kind = 'open_house'),
                    mode TEXT NOT NULL CHECK (mode = 'in_person' OR mode = 'virtual'),
                    site_id TEXT,
                    weekday TEXT,
                    start_minute INTEGER,
                    minutes INTEGER NOT NULL CHECK (minutes > 0),
                    PRIMARY KEY (run_id, group_id),
                    CHECK ((kind = 'weekly') = (weekday IS NOT NULL AND start_minute IS NOT NULL)),
                    CHECK ((mode = 'in_person') = (site_id IS NOT NULL))
                ) WITHOUT ROWID;
                CREATE TABLE run_sessions (
                    run_id INTEGER NOT NULL,
                    group_id TEXT NOT NULL,
                    start_minute INTEGER NOT NULL,
                    end_minute INTEGER NOT NULL CHECK (end_minute > start_minute),
                    topic_id TEXT,
                    PRIMARY KEY (run_id, group_id, start_minute),
                    FOREIGN KEY (run_id, group_id) REFERENCES run_groups(run_id, group_id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE TABLE run_memberships (
                    run_id INTEGER NOT NULL,
                    parent_id TEXT NOT NULL CHECK (parent_id <> ''),
                    group_id TEXT NOT NULL,
                    from_minute INTEGER NOT NULL,
                    until_minute INTEGER CHECK (until_minute IS NULL OR until_minute > from_minute),
                    PRIMARY KEY (run_id, parent_id, from_minute),
                    FOREIGN KEY (run_id, group_id) REFERENCES run_groups(run_id, group_id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX run_memberships_current ON run_memberships(run_id, parent_id) WHERE until_minute IS NULL;
                CREATE INDEX run_memberships_parent ON run_memberships(parent_id);
                CREATE TABLE run_unmatched (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    parent_id TEXT NOT NULL CHECK (parent_id <> ''),
                    reasons TEXT NOT NULL,
                    PRIMARY KEY (run_id, parent_id)
                ) WITHOUT ROWID;
                CREATE INDEX run_unmatched_parent ON run_unmatched(parent_id);
                CREATE TABLE run_changes (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    parent_id TEXT NOT NULL CHECK (parent_id <> ''),
                    before_group TEXT,
                    after_group TEXT,
                    reason TEXT NOT NULL,
                    PRIMARY KEY (run_id, parent_id)
                ) WITHOUT ROWID;
                CREATE INDEX run_changes_parent ON run_changes(parent_id);
                """)
            try LegacyRuns.convert(db)
            try db.execute(sql: """
                ALTER TABLE runs DROP COLUMN schedule_json;
                DROP TABLE run_assignments;
                """)
        }
        migrator.registerMigration("v7-pending-forgets") { db in
            // A family forgotten in the database whose files (feed, outputs) are not yet cleaned:
            // the next command finishes the cleaning, so a killed `forget` never leaves a feed
            // served. Only the feed's token is kept (not the family's id), until its file is gone.
            try db.execute(sql: """
                CREATE TABLE pending_forgets (
                    id INTEGER PRIMARY KEY,
                    feed_token TEXT
                );
                """)
        }
        migrator.registerMigration("v8-participation") { db in
            // Attendance (spec section 11) is personal data: one row per parent and held session,
            // so that a sheet read twice counts once. Not tied to `parents` by a foreign key: a
            // family who left the roster still attended what they attended (forget and purge
            // delete it). Recordings are the links data/recordings.csv gives held sessions.
            try db.execute(sql: """
                CREATE TABLE attendance (
                    parent_id TEXT NOT NULL CHECK (parent_id <> ''),
                    group_id TEXT NOT NULL CHECK (group_id <> ''),
                    session_minute INTEGER NOT NULL,
                    mode TEXT NOT NULL CHECK (mode = 'in_person' OR mode = 'virtual' OR mode = 'recording'),
                    PRIMARY KEY (parent_id, group_id, session_minute)
                ) WITHOUT ROWID;
                CREATE TABLE recordings (
                    kind TEXT NOT NULL CHECK (kind = 'group' OR kind = 'site'),
                    target_id TEXT NOT NULL CHECK (target_id <> ''),
                    date TEXT NOT NULL,
                    url TEXT NOT NULL CHECK (url LIKE 'https://%'),
                    PRIMARY KEY (kind, target_id, date)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v9-topics") { db in
            // The curriculum's topics (spec section 10), so that feeds and explanations, which
            // read the stored program, show the titles and descriptions the run planned with.
            // Translations keep their column order (a feed takes the exact tag, else the first
            // whose primary subtag matches), as JSON arrays of [tag, text]. A run keeps its
            // curriculum's value and the required topics it could not fit, as schedule.json
            // states them.
            try db.execute(sql: """
                CREATE TABLE topics (
                    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                    title TEXT NOT NULL CHECK (title <> ''),
                    description TEXT NOT NULL,
                    required INTEGER NOT NULL CHECK (required IN (0, 1)),
                    window_from TEXT CHECK (window_from IS NULL OR length(window_from) = 5),
                    window_until TEXT CHECK (window_until IS NULL OR length(window_until) = 5),
                    titles TEXT NOT NULL,
                    descriptions TEXT NOT NULL,
                    attributes TEXT NOT NULL
                );
                ALTER TABLE runs ADD COLUMN curriculum_value INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE runs ADD COLUMN required_missing TEXT NOT NULL DEFAULT '';
                """)
        }
        migrator.registerMigration("v10-unmatched-cause") { db in
            // The rule that left each family unmatched, kept with the run so that the report
            // groups the waiting families without rebuilding the match model (at 60,000 families
            // that took most of its time). NULL in runs stored before: the report then explains
            // them again.
            try db.execute(sql: "ALTER TABLE run_unmatched ADD COLUMN cause TEXT CHECK (cause IS NULL OR cause <> '')")
        }
        migrator.registerMigration("v11-feed-publication") { db in
            // What the last publication was made from and left published (digests, see
            // Store+FeedPublication.swift), so that publishing again when nothing changed costs
            // next to nothing. Every statement that changes feed_events outside a publication
            // deletes the row; a later migration that rewrites the history must delete it too.
            try db.execute(sql: """
                CREATE TABLE feed_publication (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    inputs TEXT NOT NULL,
                    folder TEXT NOT NULL,
                    list TEXT NOT NULL,
                    summary TEXT NOT NULL
                );
                """)
        }
        return migrator
    }
}
