-- SPDX-License-Identifier: BSL-1.0
-- The reference schema of the example's resources, SQLite 3.38 or later (docs/sql.md#schema).
-- Text is compared bytewise (BINARY); times are integer microseconds since the epoch, UTC;
-- each resource's JSON is kept as text, exactly as loaded.
-- The labels' (key_prefix, key_name, value) index also holds resource_guid, so that a selector's
-- subquery reads the index alone.

CREATE TABLE apps (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE
);

CREATE TABLE packages (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    created_at INTEGER,
    updated_at INTEGER,
    state TEXT,
    type TEXT,
    app_guid TEXT,
    resource TEXT NOT NULL
);
CREATE INDEX packages_created_at_guid ON packages (created_at, guid);
CREATE INDEX packages_updated_at_guid ON packages (updated_at, guid);
CREATE INDEX packages_state ON packages (state);
CREATE INDEX packages_type ON packages (type);
CREATE INDEX packages_app_guid ON packages (app_guid);
CREATE TABLE package_labels (
    resource_guid TEXT NOT NULL,
    key_prefix TEXT NOT NULL,
    key_name TEXT NOT NULL,
    value TEXT
);
CREATE INDEX package_labels_key ON package_labels (key_prefix, key_name, value, resource_guid);
CREATE INDEX package_labels_resource_guid ON package_labels (resource_guid);

CREATE TABLE droplets (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    created_at INTEGER,
    updated_at INTEGER,
    state TEXT,
    app_guid TEXT,
    package_guid TEXT,
    resource TEXT NOT NULL
);
CREATE INDEX droplets_created_at_guid ON droplets (created_at, guid);
CREATE INDEX droplets_updated_at_guid ON droplets (updated_at, guid);
CREATE INDEX droplets_state ON droplets (state);
CREATE INDEX droplets_app_guid ON droplets (app_guid);
CREATE INDEX droplets_package_guid ON droplets (package_guid);
CREATE TABLE droplet_labels (
    resource_guid TEXT NOT NULL,
    key_prefix TEXT NOT NULL,
    key_name TEXT NOT NULL,
    value TEXT
);
CREATE INDEX droplet_labels_key ON droplet_labels (key_prefix, key_name, value, resource_guid);
CREATE INDEX droplet_labels_resource_guid ON droplet_labels (resource_guid);

CREATE TABLE builds (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    created_at INTEGER,
    updated_at INTEGER,
    state TEXT,
    app_guid TEXT,
    package_guid TEXT,
    resource TEXT NOT NULL
);
CREATE INDEX builds_created_at_guid ON builds (created_at, guid);
CREATE INDEX builds_updated_at_guid ON builds (updated_at, guid);
CREATE INDEX builds_state ON builds (state);
CREATE INDEX builds_app_guid ON builds (app_guid);
CREATE INDEX builds_package_guid ON builds (package_guid);
CREATE TABLE build_labels (
    resource_guid TEXT NOT NULL,
    key_prefix TEXT NOT NULL,
    key_name TEXT NOT NULL,
    value TEXT
);
CREATE INDEX build_labels_key ON build_labels (key_prefix, key_name, value, resource_guid);
CREATE INDEX build_labels_resource_guid ON build_labels (resource_guid);
