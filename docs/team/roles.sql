-- Visit Planner team catalogue: one database and three roles (see docs/team-server.md).
-- Run once as a PostgreSQL superuser, e.g.:
--   psql -v owner_password="'…'" -f roles.sql
-- then add one login per coordinator (end of the file).

CREATE ROLE visitplanner_owner LOGIN PASSWORD :owner_password;  -- creates and upgrades the schema
CREATE ROLE visitplanner_editor NOLOGIN;                        -- coordinators: read and write records
CREATE ROLE visitplanner_reader NOLOGIN;                        -- read only (reports, checks)

CREATE DATABASE visitplanner OWNER visitplanner_owner ENCODING 'UTF8' TEMPLATE template0;
\connect visitplanner

REVOKE ALL ON DATABASE visitplanner FROM PUBLIC;
GRANT CONNECT ON DATABASE visitplanner TO visitplanner_editor, visitplanner_reader;
ALTER SCHEMA public OWNER TO visitplanner_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO visitplanner_editor, visitplanner_reader;

-- Tables and sequences the owner creates (at the first opening and at every upgrade)
-- are granted as they appear.
ALTER DEFAULT PRIVILEGES FOR ROLE visitplanner_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO visitplanner_editor;
ALTER DEFAULT PRIVILEGES FOR ROLE visitplanner_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO visitplanner_editor;
ALTER DEFAULT PRIVILEGES FOR ROLE visitplanner_owner IN SCHEMA public
    GRANT SELECT ON TABLES TO visitplanner_reader;

-- One login per coordinator, for example:
-- CREATE ROLE marie LOGIN PASSWORD '…' IN ROLE visitplanner_editor;
