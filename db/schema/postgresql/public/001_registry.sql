-- The firm registry, shared by every firm: run as devtalk_owner (db/tenants.py prepare), with the
-- app's login role `devtalk` reading it. A firm's own rows live in its schema firm_<id>.
CREATE SEQUENCE public.devtalk_ids;
CREATE TABLE public.firms (
    id BIGINT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
    name TEXT NOT NULL,
    sector TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'firm' CHECK (kind IN ('firm', 'fund')),
    schema_version INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
GRANT SELECT ON public.firms TO devtalk;
