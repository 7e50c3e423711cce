#!/usr/bin/env python3
"""Generate a deterministic corpus of realistic SQL migrations for the lint benchmark.

Writes FILES Flyway-named files (V1__<slug>.sql ... V<FILES>__<slug>.sql), each holding
exactly STATEMENTS SQL statements, into OUT (default bench/corpus/<dialect>).

  python3 bench/generate-corpus.py                      # 5,000 files x 10 = 50,000 PostgreSQL statements
  python3 bench/generate-corpus.py --dialect mariadb    # 1,000 files x 10 = 10,000 MariaDB statements
  python3 bench/generate-corpus.py --files 100 --statements 20 --out /tmp/c --seed 7

The output depends only on (dialect, files, statements, seed): same arguments, same bytes.
Existing V*.sql files in OUT are removed first, so a smaller run never leaves stale files.

A "statement" is one top-level SQL statement (a CREATE FUNCTION with a $$ body, or a
MariaDB procedure between DELIMITER lines, counts as one). Comments and the
`-- md:no-transaction` header are not statements. The per-kind counts printed at the
end (and written to OUT/MANIFEST.txt) are what the linter and squawk should see.

Standard library only.
"""

import argparse
import collections
import glob
import os
import random
import sys

DEFAULT_SEED = 20261123

NOUNS = [
    "account", "app_user", "sales_order", "invoice", "payment", "product", "customer", "shipment",
    "address", "session", "event", "audit_log", "subscription", "plan", "coupon", "refund",
    "warehouse", "stock_item", "supplier", "category", "tag", "comment", "post", "message",
    "notification", "device", "tenant", "team", "membership", "role", "permission", "api_key",
    "webhook", "job", "task", "report", "document", "attachment", "ledger_entry", "transfer",
    "price", "discount", "cart", "cart_item", "review", "rating", "region", "country",
    "currency", "exchange_rate", "contract", "project", "milestone", "timesheet", "employee",
    "department", "vendor", "purchase_order", "receipt", "feature_flag",
]
COL_WORDS = [
    "status", "name", "title", "description", "email", "phone", "amount", "total", "currency",
    "quantity", "price", "discount", "note", "code", "external_ref", "source", "channel",
    "priority", "score", "rank", "locale", "timezone", "version", "checksum", "payload",
    "metadata", "reason", "kind", "category", "label", "slug", "url", "ip_address",
    "user_agent", "attempts", "retries", "weight", "height", "color", "flags", "tax_rate",
    "balance", "limit_amount", "due_on", "paid_on", "expires_on", "region_code", "vat_number",
    "is_active", "is_archived", "is_deleted", "last_login", "display_name", "sort_order",
]
TS_COLS = ["created_at", "updated_at", "deleted_at", "archived_at", "processed_at",
           "sent_at", "confirmed_at", "cancelled_at", "last_seen_at", "synced_at"]
# Column name -> family of plausible types; unknown names fall back to the weighted type mix.
COL_FAMILY = {
    "status": "str", "name": "str", "title": "str", "description": "text", "email": "str", "phone": "str",
    "currency": "code", "note": "text", "code": "str", "external_ref": "str", "source": "str", "channel": "str",
    "locale": "code", "timezone": "str", "checksum": "str", "reason": "text", "kind": "str", "category": "str",
    "label": "str", "slug": "str", "url": "text", "user_agent": "text", "color": "code", "region_code": "code",
    "vat_number": "str", "display_name": "str",
    "quantity": "int", "priority": "int", "rank": "int", "version": "int", "attempts": "int", "retries": "int",
    "sort_order": "int", "flags": "int", "score": "num", "weight": "num", "height": "num",
    "payload": "json", "metadata": "json",
}
STATUS_VALUES = ["'pending'", "'active'", "'archived'", "'failed'", "'done'", "'draft'", "'new'"]
MIGRATION_VERBS = ["add", "create", "alter", "backfill", "index", "drop", "rename", "validate",
                   "constrain", "cleanup", "seed", "tune", "extend", "split", "refactor"]

# Kinds of statement and their relative weights in a regular (transactional) file.
PG_WEIGHTS = [
    ("create_table", 8),
    ("add_column", 16),
    ("alter_column_type", 4),
    ("set_not_null", 4),
    ("set_default", 3),
    ("add_check", 5),
    ("add_fk", 5),
    ("add_unique", 2),
    ("validate_constraint", 3),
    ("create_index", 8),
    ("drop_index", 3),
    ("update", 7),
    ("insert", 6),
    ("delete", 1),
    ("set_timeout", 6),
    ("comment_on", 5),
    ("rename_column", 3),
    ("drop_column", 3),
    ("create_function", 2),
    ("create_type", 1),
    ("alter_type_add_value", 1),
    ("rename_table", 1),
    ("drop_table", 1),
    ("create_view", 1),
    ("truncate", 0.5),
    ("create_extension", 0.5),
]
# Files that build indexes concurrently: no transaction, mostly index work.
PG_NOTX_WEIGHTS = [
    ("create_index_concurrently", 45),
    ("drop_index_concurrently", 10),
    ("set_timeout", 20),
    ("update", 10),
    ("comment_on", 5),
    ("validate_constraint", 5),
    ("create_index", 5),
]
PG_NOTX_SHARE = 0.15  # share of files that are `-- md:no-transaction` index files

MARIA_WEIGHTS = [
    ("create_table", 10),
    ("add_column", 16),
    ("modify_column", 7),
    ("change_column", 2),
    ("add_index", 10),
    ("drop_index", 3),
    ("add_fk", 5),
    ("add_check", 3),
    ("update", 8),
    ("insert", 7),
    ("delete", 1),
    ("set_timeout", 6),
    ("rename_column", 3),
    ("drop_column", 3),
    ("table_comment", 3),
    ("create_procedure", 1),
    ("rename_table", 1),
    ("drop_table", 1),
    ("create_view", 1),
]


def weighted_picker(rng, weights):
    kinds = [k for k, _ in weights]
    cum = []
    total = 0.0
    for _, w in weights:
        total += w
        cum.append(total)

    def pick():
        x = rng.random() * total
        lo, hi = 0, len(cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return kinds[lo]

    return pick


class Table:
    __slots__ = ("name", "cols", "indexes", "constraints", "not_valid")

    def __init__(self, name, cols):
        self.name = name
        self.cols = cols          # list of (name, type)
        self.indexes = []
        self.constraints = []
        self.not_valid = []       # constraints added NOT VALID, not yet validated


class Schema:
    """A running model of the database so later migrations refer to earlier objects."""

    def __init__(self, rng):
        self.rng = rng
        self.tables = []
        self.by_name = {}
        self.counter = 0
        self.types = []
        self.functions = 0

    def fresh(self, base):
        self.counter += 1
        return "%s_%d" % (base, self.counter)

    def new_table_name(self):
        base = self.rng.choice(NOUNS)
        name = base if base not in self.by_name and self.rng.random() < 0.5 else self.fresh(base)
        while name in self.by_name:
            name = self.fresh(base)
        return name

    def add_table(self, t):
        self.tables.append(t)
        self.by_name[t.name] = t

    def remove_table(self, t):
        self.tables.remove(t)
        del self.by_name[t.name]

    def table(self):
        # Recent tables are touched more often, like real projects.
        n = len(self.tables)
        if n > 30 and self.rng.random() < 0.6:
            return self.tables[n - 1 - int(self.rng.random() * 30)]
        return self.rng.choice(self.tables)

    def new_col_name(self, t):
        existing = {c for c, _ in t.cols}
        for _ in range(20):
            c = self.rng.choice(COL_WORDS + TS_COLS)
            if c not in existing:
                return c
        c = self.fresh(self.rng.choice(COL_WORDS))
        while c in existing:
            c = self.fresh(self.rng.choice(COL_WORDS))
        return c


# --------------------------------------------------------------------------- PostgreSQL

PG_TYPES = [
    ("bigint", 14), ("text", 16), ("timestamptz", 10), ("varchar(255)", 8), ("varchar(64)", 5),
    ("numeric(12,2)", 7), ("integer", 6), ("boolean", 8), ("jsonb", 5), ("uuid", 5),
    ("date", 3), ("smallint", 2), ("char(3)", 1), ("timestamp", 2), ("inet", 1), ("bytea", 1),
    ("text[]", 1), ("double precision", 1), ("serial", 0.5), ("json", 0.5),
]


def pg_type_for(rng, col, type_pick):
    if col in TS_COLS:
        return rng.choice(["timestamptz", "timestamptz", "timestamptz", "timestamp"])
    if col.startswith("is_"):
        return "boolean"
    if col in ("amount", "total", "price", "balance", "limit_amount", "tax_rate", "discount"):
        return rng.choice(["numeric(12,2)", "numeric(14,4)", "numeric"])
    if col in ("email", "name", "title", "display_name", "slug", "url"):
        return rng.choice(["text", "varchar(255)", "varchar(320)", "citext"])
    if col in ("due_on", "paid_on", "expires_on"):
        return "date"
    if col in ("payload", "metadata"):
        return "jsonb"
    if col == "ip_address":
        return "inet"
    fam = COL_FAMILY.get(col)
    if fam == "str":
        return rng.choice(["text", "varchar(255)", "varchar(64)", "text"])
    if fam == "text":
        return "text"
    if fam == "code":
        return rng.choice(["varchar(8)", "char(3)", "text"])
    if fam == "int":
        return rng.choice(["integer", "bigint", "smallint", "integer"])
    if fam == "num":
        return rng.choice(["numeric(10,3)", "double precision", "real"])
    if fam == "json":
        return "jsonb"
    return type_pick()


def pg_default_for(rng, typ):
    t = typ.split("(")[0]
    if t in ("timestamptz", "timestamp"):
        return rng.choice(["now()", "CURRENT_TIMESTAMP", "'1970-01-01 00:00:00+00'", "now()"])
    if t == "boolean":
        return rng.choice(["false", "true", "FALSE"])
    if t in ("bigint", "integer", "smallint"):
        return rng.choice(["0", "1", "100", "-1"])
    if t in ("numeric", "double precision", "real"):
        return rng.choice(["0", "0.00", "1.0"])
    if t == "uuid":
        return "gen_random_uuid()"
    if t == "jsonb":
        return rng.choice(["'{}'::jsonb", "'[]'::jsonb"])
    if t == "date":
        return rng.choice(["CURRENT_DATE", "'2000-01-01'"])
    if t in ("text", "varchar", "citext", "char"):
        return rng.choice(STATUS_VALUES + ["''", "'unknown'"])
    return None


def pg_literal(rng, typ, i):
    t = typ.split("(")[0]
    if t in ("timestamptz", "timestamp"):
        return "'2026-%02d-%02d 10:%02d:00+00'" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 59))
    if t == "boolean":
        return rng.choice(["true", "false"])
    if t in ("bigint", "integer", "smallint", "serial"):
        return str(rng.randint(1, 100000))
    if t in ("numeric", "double precision", "real"):
        return "%d.%02d" % (rng.randint(0, 9999), rng.randint(0, 99))
    if t == "uuid":
        return "'%08x-%04x-4%03x-a%03x-%012x'" % (
            rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
    if t in ("jsonb", "json"):
        return "'{\"k\": %d, \"note\": \"it''s ok; really\"}'" % i
    if t == "date":
        return "'2026-%02d-%02d'" % (rng.randint(1, 12), rng.randint(1, 28))
    if t == "inet":
        return "'10.0.%d.%d'" % (rng.randint(0, 255), rng.randint(1, 254))
    if t == "text[]":
        return "ARRAY['a', 'b']"
    if t == "bytea":
        return "'\\xdeadbeef'"
    return rng.choice(STATUS_VALUES + ["'O''Brien; Ltd.'", "'semi;colon'", "'x'"])


class PgGen:
    def __init__(self, rng):
        self.rng = rng
        self.s = Schema(rng)
        self.type_pick = weighted_picker(rng, PG_TYPES)
        self.pick = weighted_picker(rng, PG_WEIGHTS)
        self.pick_notx = weighted_picker(rng, PG_NOTX_WEIGHTS)
        # Seed a few tables so ALTERs in V1 have something to touch.
        for _ in range(5):
            self.create_table()

    def q(self, ident):
        # Mostly bare identifiers, sometimes quoted or schema-qualified like real code.
        r = self.rng.random()
        if r < 0.04:
            return '"%s"' % ident
        if r < 0.08:
            return "public.%s" % ident
        return ident

    # -- statement builders ------------------------------------------------------------
    def create_table(self):
        rng = self.rng
        name = self.s.new_table_name()
        cols = []
        lines = []
        if rng.random() < 0.7:
            cols.append(("id", "bigint"))
            lines.append(rng.choice([
                "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                "id bigserial PRIMARY KEY",
                "id bigint PRIMARY KEY",
            ]))
        else:
            cols.append(("id", "uuid"))
            lines.append("id uuid PRIMARY KEY DEFAULT gen_random_uuid()")
        fk_target = None
        if self.s.tables and rng.random() < 0.6:
            fk_target = self.s.table()
            fk_col = "%s_id" % fk_target.name.split(".")[-1]
            ref_type = dict(fk_target.cols).get("id", "bigint")
            ref_type = "bigint" if ref_type in ("bigserial", "serial") else ref_type
            cols.append((fk_col, ref_type))
            action = rng.choice(["", "", " ON DELETE CASCADE", " ON DELETE SET NULL", " ON DELETE RESTRICT"])
            lines.append("%s %s NOT NULL REFERENCES %s (id)%s" % (fk_col, ref_type, fk_target.name, action))
        used = {c for c, _ in cols}
        for _ in range(rng.randint(2, 7)):
            c = rng.choice(COL_WORDS)
            if c in used:
                continue
            used.add(c)
            typ = pg_type_for(rng, c, self.type_pick)
            cols.append((c, typ))
            extra = ""
            r = rng.random()
            if r < 0.3:
                extra = " NOT NULL"
            elif r < 0.45:
                d = pg_default_for(rng, typ)
                if d:
                    extra = " NOT NULL DEFAULT %s" % d
            elif r < 0.5 and c in ("email", "code", "slug", "external_ref"):
                extra = " UNIQUE"
            lines.append("%s %s%s" % (c, typ, extra))
        cols.append(("created_at", "timestamptz"))
        lines.append("created_at timestamptz NOT NULL DEFAULT now()")
        if rng.random() < 0.6:
            cols.append(("updated_at", "timestamptz"))
            lines.append("updated_at timestamptz")
        if rng.random() < 0.15:
            c1 = cols[-3][0] if len(cols) > 3 else "created_at"
            lines.append("CONSTRAINT %s_%s_chk CHECK (%s IS NOT NULL OR created_at > '2020-01-01')" % (name, c1, c1))
        t = Table(name, cols)
        self.s.add_table(t)
        ine = "IF NOT EXISTS " if rng.random() < 0.25 else ""
        body = ",\n    ".join(lines)
        return "CREATE TABLE %s%s (\n    %s\n);" % (ine, self.q(name), body)

    def add_column(self):
        rng = self.rng
        t = self.s.table()
        c = self.s.new_col_name(t)
        typ = pg_type_for(rng, c, self.type_pick)
        r = rng.random()
        if r < 0.35:
            tail = ""                                              # nullable, no default
        elif r < 0.55:
            d = pg_default_for(rng, typ) or "NULL"
            tail = " DEFAULT %s" % d                               # constant (or volatile) default
        elif r < 0.72:
            d = pg_default_for(rng, typ) or "''"
            tail = " NOT NULL DEFAULT %s" % d
        elif r < 0.82:
            tail = " NOT NULL"                                     # required column, no default
        elif r < 0.92:
            typ = rng.choice(["timestamptz", "uuid", "timestamptz", "bigint"])
            tail = {"timestamptz": " NOT NULL DEFAULT now()",       # volatile defaults
                    "uuid": " DEFAULT gen_random_uuid()",
                    "bigint": " DEFAULT (random() * 1000)::bigint"}[typ]
        else:
            ref = self.s.table()
            c = "%s_id" % ref.name
            typ = "bigint"
            tail = " REFERENCES %s (id)" % ref.name
        t.cols.append((c, typ))
        ine = "IF NOT EXISTS " if rng.random() < 0.3 else ""
        col_kw = "COLUMN " if rng.random() < 0.9 else ""
        return "ALTER TABLE %s ADD %s%s%s %s%s;" % (self.q(t.name), col_kw, ine, c, typ, tail)

    def pick_col(self, t, skip_id=True):
        cands = [c for c in t.cols if not (skip_id and c[0] == "id")]
        return self.rng.choice(cands) if cands else t.cols[0]

    def alter_column_type(self):
        rng = self.rng
        t = self.s.table()
        c, typ = self.pick_col(t)
        new = rng.choice(["bigint", "text", "varchar(512)", "numeric(18,4)", "timestamptz", "jsonb"])
        using = ""
        if rng.random() < 0.3:
            using = " USING %s::%s" % (c, new.split("(")[0])
        return "ALTER TABLE %s ALTER COLUMN %s TYPE %s%s;" % (self.q(t.name), c, new, using)

    def set_not_null(self):
        t = self.s.table()
        c, _ = self.pick_col(t)
        if self.rng.random() < 0.15:
            return "ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;" % (self.q(t.name), c)
        return "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;" % (self.q(t.name), c)

    def set_default(self):
        t = self.s.table()
        c, typ = self.pick_col(t)
        d = pg_default_for(self.rng, typ)
        if d is None or self.rng.random() < 0.25:
            return "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;" % (self.q(t.name), c)
        return "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;" % (self.q(t.name), c, d)

    def not_valid(self):
        return self.rng.random() < 0.10

    def add_check(self):
        rng = self.rng
        t = self.s.table()
        c, typ = self.pick_col(t)
        base = typ.split("(")[0]
        if base in ("bigint", "integer", "smallint", "numeric"):
            expr = "%s >= 0" % c
        elif base in ("text", "varchar", "citext"):
            expr = rng.choice(["char_length(%s) <= 255" % c, "%s <> ''" % c,
                               "%s IN ('pending', 'active', 'archived')" % c])
        else:
            expr = "%s IS NOT NULL" % c
        name = "%s_%s_check" % (t.name, c)
        nv = self.not_valid()
        t.constraints.append(name)
        if nv:
            t.not_valid.append(name)
        return "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s)%s;" % (self.q(t.name), name, expr, " NOT VALID" if nv else "")

    def add_fk(self):
        rng = self.rng
        t = self.s.table()
        ref = self.s.table()
        col = "%s_id" % ref.name
        if col not in dict(t.cols):
            # Same-statement column creation would be a different kind; reuse an existing one.
            col = self.pick_col(t)[0] if rng.random() < 0.3 else col
        name = "%s_%s_fkey" % (t.name, col)
        nv = self.not_valid()
        t.constraints.append(name)
        if nv:
            t.not_valid.append(name)
        action = rng.choice(["", "", "", " ON DELETE CASCADE", " ON UPDATE CASCADE ON DELETE SET NULL"])
        return "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (id)%s%s;" % (
            self.q(t.name), name, col, ref.name, action, " NOT VALID" if nv else "")

    def add_unique(self):
        t = self.s.table()
        c, _ = self.pick_col(t)
        name = "%s_%s_key" % (t.name, c)
        t.constraints.append(name)
        if self.rng.random() < 0.4:
            idx = "%s_%s_uidx" % (t.name, c)
            return "ALTER TABLE %s ADD CONSTRAINT %s UNIQUE USING INDEX %s;" % (self.q(t.name), name, idx)
        return "ALTER TABLE %s ADD CONSTRAINT %s UNIQUE (%s);" % (self.q(t.name), name, c)

    def validate_constraint(self):
        # Prefer validating something that was really added NOT VALID earlier.
        for t in reversed(self.s.tables[-60:]):
            if t.not_valid:
                name = t.not_valid.pop(0)
                return "ALTER TABLE %s VALIDATE CONSTRAINT %s;" % (self.q(t.name), name)
        t = self.s.table()
        return "ALTER TABLE %s VALIDATE CONSTRAINT %s_check;" % (self.q(t.name), t.name)

    def index_cols(self, t):
        rng = self.rng
        cols = [c for c, _ in t.cols if c != "id"] or ["id"]
        k = 1 if rng.random() < 0.7 else 2
        chosen = rng.sample(cols, min(k, len(cols)))
        if rng.random() < 0.1:
            chosen[-1] = chosen[-1] + " DESC"
        return chosen

    def create_index(self, concurrently=False):
        rng = self.rng
        t = self.s.table()
        cols = self.index_cols(t)
        unique = "UNIQUE " if rng.random() < 0.15 else ""
        name = "%s_%s_idx" % (t.name, "_".join(c.split()[0] for c in cols))
        if name in t.indexes:
            name = self.s.fresh(name)
        t.indexes.append(name)
        ine = "IF NOT EXISTS " if rng.random() < 0.35 else ""
        conc = "CONCURRENTLY " if concurrently else ""
        using = ""
        r = rng.random()
        if r < 0.05:
            using = " USING gin"
            cols = [cols[0].split()[0]]
        elif r < 0.08:
            using = " USING btree"
        where = ""
        if rng.random() < 0.12:
            where = " WHERE deleted_at IS NULL"
        return "CREATE %sINDEX %s%s%s ON %s%s (%s)%s;" % (
            unique, conc, ine, name, self.q(t.name), using, ", ".join(cols), where)

    def create_index_concurrently(self):
        return self.create_index(concurrently=True)

    def drop_index(self, concurrently=False):
        rng = self.rng
        cands = [t for t in self.s.tables[-80:] if t.indexes]
        if cands:
            t = rng.choice(cands)
            name = t.indexes.pop(rng.randrange(len(t.indexes)))
        else:
            name = "%s_legacy_idx" % self.s.table().name
        ie = "IF EXISTS " if rng.random() < 0.5 else ""
        conc = "CONCURRENTLY " if concurrently else ""
        return "DROP INDEX %s%s%s;" % (conc, ie, name)

    def drop_index_concurrently(self):
        return self.drop_index(concurrently=True)

    def update(self):
        rng = self.rng
        t = self.s.table()
        c, typ = self.pick_col(t)
        val = pg_literal(rng, typ, self.s.counter)
        r = rng.random()
        if r < 0.5:
            where = "id IN (SELECT id FROM %s WHERE %s IS NULL LIMIT 1000)" % (t.name, c)
        elif r < 0.8:
            where = "%s IS NULL" % c
        else:
            where = "id BETWEEN %d AND %d" % (rng.randint(1, 10000), rng.randint(10001, 90000))
        if rng.random() < 0.05:
            # The classic mistake: no WHERE clause.
            return "UPDATE %s SET %s = %s;" % (self.q(t.name), c, val)
        return "UPDATE %s SET %s = %s WHERE %s;" % (self.q(t.name), c, val, where)

    def insert(self):
        rng = self.rng
        t = self.s.table()
        cols = [(c, ty) for c, ty in t.cols if c != "id"][:4] or t.cols[:1]
        rows = []
        for i in range(rng.randint(1, 4)):
            rows.append("(%s)" % ", ".join(pg_literal(rng, ty, i) for _, ty in cols))
        tail = " ON CONFLICT DO NOTHING" if rng.random() < 0.2 else ""
        return "INSERT INTO %s (%s) VALUES\n    %s%s;" % (
            self.q(t.name), ", ".join(c for c, _ in cols), ",\n    ".join(rows), tail)

    def delete(self):
        t = self.s.table()
        return "DELETE FROM %s WHERE created_at < now() - interval '%d days';" % (
            self.q(t.name), self.rng.choice([30, 90, 365]))

    def set_timeout(self):
        rng = self.rng
        which = rng.choice(["lock_timeout", "lock_timeout", "statement_timeout"])
        val = rng.choice(["'2s'", "'5s'", "'10s'", "'1min'", "'30s'", "3000", "0"])
        form = rng.random()
        if form < 0.7:
            return "SET %s = %s;" % (which, val)
        if form < 0.85:
            return "SET %s TO %s;" % (which, val)
        return "SET LOCAL %s = %s;" % (which, val)

    def comment_on(self):
        rng = self.rng
        t = self.s.table()
        if rng.random() < 0.5:
            return "COMMENT ON TABLE %s IS 'Holds %s rows; see docs/%s.md';" % (
                self.q(t.name), t.name.replace("_", " "), t.name)
        c, _ = self.pick_col(t, skip_id=False)
        return "COMMENT ON COLUMN %s.%s IS 'The %s of the %s (it''s required by the API)';" % (
            t.name, c, c.replace("_", " "), t.name)

    def rename_column(self):
        t = self.s.table()
        idx = self.rng.randrange(len(t.cols))
        c, typ = t.cols[idx]
        if c == "id":
            c, typ = t.cols[-1]
            idx = len(t.cols) - 1
        new = self.s.fresh(c.split("_")[0])
        t.cols[idx] = (new, typ)
        return "ALTER TABLE %s RENAME COLUMN %s TO %s;" % (self.q(t.name), c, new)

    def drop_column(self):
        t = self.s.table()
        cands = [i for i, (c, _) in enumerate(t.cols) if c not in ("id", "created_at")]
        if not cands:
            return self.add_column()
        i = self.rng.choice(cands)
        c = t.cols.pop(i)[0]
        ie = "IF EXISTS " if self.rng.random() < 0.3 else ""
        cascade = " CASCADE" if self.rng.random() < 0.05 else ""
        return "ALTER TABLE %s DROP COLUMN %s%s%s;" % (self.q(t.name), ie, c, cascade)

    def create_function(self):
        rng = self.rng
        t = self.s.table()
        self.s.functions += 1
        fname = "%s_touch_%d" % (t.name, self.s.functions)
        if rng.random() < 0.5:
            tag = "$$" if rng.random() < 0.7 else "$fn$"
            return (
                "CREATE OR REPLACE FUNCTION %s() RETURNS trigger\n"
                "LANGUAGE plpgsql AS %s\n"
                "BEGIN\n"
                "    -- ALTER TABLE %s ADD COLUMN x int; (not executed: text inside the body)\n"
                "    NEW.updated_at := now();\n"
                "    IF NEW.created_at IS NULL THEN\n"
                "        NEW.created_at := now();\n"
                "    END IF;\n"
                "    RETURN NEW;\n"
                "END;\n"
                "%s;" % (fname, tag, t.name, tag))
        return (
            "CREATE FUNCTION %s(p_limit integer DEFAULT 100) RETURNS void\n"
            "LANGUAGE plpgsql AS $body$\n"
            "BEGIN\n"
            "    EXECUTE 'CREATE INDEX IF NOT EXISTS tmp_idx ON %s (created_at)';\n"
            "    DROP TABLE IF EXISTS tmp_%s;\n"
            "    UPDATE %s SET updated_at = now() WHERE id IN (SELECT id FROM %s LIMIT p_limit);\n"
            "END;\n"
            "$body$;" % (fname, t.name, t.name, t.name, t.name))

    def create_type(self):
        self.s.counter += 1
        name = "%s_status_%d" % (self.rng.choice(NOUNS), self.s.counter)
        self.s.types.append(name)
        return "CREATE TYPE %s AS ENUM ('pending', 'active', 'archived');" % name

    def alter_type_add_value(self):
        if not self.s.types:
            return self.create_type()
        name = self.rng.choice(self.s.types)
        ine = "IF NOT EXISTS " if self.rng.random() < 0.5 else ""
        return "ALTER TYPE %s ADD VALUE %s'%s';" % (name, ine, self.s.fresh("state"))

    def rename_table(self):
        t = self.s.table()
        new = self.s.fresh(t.name.split("_")[0])
        old = t.name
        self.s.remove_table(t)
        t.name = new
        self.s.add_table(t)
        return "ALTER TABLE %s RENAME TO %s;" % (self.q(old), new)

    def drop_table(self):
        if len(self.s.tables) < 10:
            return self.create_table()
        t = self.s.table()
        self.s.remove_table(t)
        ie = "IF EXISTS " if self.rng.random() < 0.6 else ""
        return "DROP TABLE %s%s;" % (ie, self.q(t.name))

    def create_view(self):
        t = self.s.table()
        cols = ", ".join(c for c, _ in t.cols[:4])
        return "CREATE OR REPLACE VIEW %s_v AS\n    SELECT %s FROM %s WHERE created_at > now() - interval '30 days';" % (
            t.name, cols, t.name)

    def truncate(self):
        t = self.s.table()
        return "TRUNCATE TABLE %s%s;" % (self.q(t.name), " CASCADE" if self.rng.random() < 0.3 else "")

    def create_extension(self):
        return "CREATE EXTENSION IF NOT EXISTS %s;" % self.rng.choice(["pgcrypto", "citext", "pg_trgm", "btree_gin"])

    # -- files -------------------------------------------------------------------------
    def file(self, version, n):
        rng = self.rng
        notx = rng.random() < PG_NOTX_SHARE
        out = []
        kinds = []
        if notx:
            out.append("-- md:no-transaction")
            out.append("-- Build indexes without blocking writes (runs outside a transaction).")
            pick = self.pick_notx
            slug_verb = "index"
        else:
            if rng.random() < 0.5:
                out.append("-- Migration %d: %s" % (version, rng.choice(["schema change", "backfill", "cleanup", "new feature"])))
            pick = self.pick
            slug_verb = None
        first_kind = None
        for i in range(n):
            if i == 0 and notx:
                kind = "create_index_concurrently"
            elif i == 0 and not notx and rng.random() < 0.25:
                kind = "set_timeout"        # many teams start every file with timeouts
            else:
                kind = pick()
            if first_kind is None and kind != "set_timeout":
                first_kind = kind
            stmt = getattr(self, kind)()
            r = rng.random()
            if r < 0.06:
                out.append("-- %s" % rng.choice(["TODO: remove after backfill", "see ticket OPS-%d" % rng.randint(100, 9999),
                                                 "safe: table is small", "needs review; don't run twice"]))
            elif r < 0.075:
                out.append("/* %s\n   multi-line note; ALTER TABLE in a comment is not a statement */" % kind)
            if rng.random() < 0.03:
                stmt = stmt + "  -- trailing note"
            out.append(stmt)
            kinds.append(kind)
        verb = slug_verb or rng.choice(MIGRATION_VERBS)
        noun = rng.choice(NOUNS)
        slug = "%s_%s" % (verb, noun) if first_kind is None else "%s_%s_%s" % (verb, noun, first_kind)
        text = "\n".join(out) + "\n"
        if rng.random() < 0.5:
            text = text.replace(";\n", ";\n\n")
        return "V%d__%s.sql" % (version, slug), text, kinds, notx


# --------------------------------------------------------------------------- MariaDB

MARIA_TYPES = [
    ("BIGINT", 12), ("INT", 8), ("VARCHAR(255)", 14), ("VARCHAR(64)", 5), ("TEXT", 8),
    ("DATETIME", 8), ("TIMESTAMP", 5), ("DECIMAL(12,2)", 7), ("TINYINT(1)", 6), ("JSON", 3),
    ("DATE", 3), ("CHAR(36)", 2), ("SMALLINT", 2), ("LONGTEXT", 1), ("ENUM('a','b','c')", 1),
]


def maria_literal(rng, typ, i):
    t = typ.split("(")[0].upper()
    if t in ("DATETIME", "TIMESTAMP"):
        return "'2026-%02d-%02d 10:%02d:00'" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 59))
    if t in ("BIGINT", "INT", "SMALLINT", "TINYINT"):
        return str(rng.randint(0, 1000))
    if t == "DECIMAL":
        return "%d.%02d" % (rng.randint(0, 9999), rng.randint(0, 99))
    if t == "DATE":
        return "'2026-%02d-%02d'" % (rng.randint(1, 12), rng.randint(1, 28))
    if t == "JSON":
        return "'{\"k\": %d}'" % i
    if t == "ENUM":
        return "'a'"
    return rng.choice(["'pending'", "'active'", "'it\\'s; fine'", "'O''Brien'", "'x'"])


class MariaGen:
    def __init__(self, rng):
        self.rng = rng
        self.s = Schema(rng)
        self.type_pick = weighted_picker(rng, MARIA_TYPES)
        self.pick = weighted_picker(rng, MARIA_WEIGHTS)
        for _ in range(5):
            self.create_table()

    def bt(self, ident):
        return "`%s`" % ident if self.rng.random() < 0.8 else ident

    def online(self, algos=("INPLACE", "INSTANT", "COPY", "NOCOPY")):
        r = self.rng.random()
        if r < 0.45:
            return ", ALGORITHM=%s, LOCK=NONE" % self.rng.choice(algos[:2])
        if r < 0.55:
            return ", ALGORITHM=%s, LOCK=%s" % (self.rng.choice(algos), self.rng.choice(["SHARED", "EXCLUSIVE", "DEFAULT"]))
        if r < 0.6:
            return ", LOCK=NONE"
        return ""

    def col_type(self, c):
        if c in TS_COLS:
            return self.rng.choice(["DATETIME", "TIMESTAMP", "DATETIME(6)"])
        if c.startswith("is_"):
            return "TINYINT(1)"
        if c in ("amount", "total", "price", "balance", "limit_amount", "tax_rate", "discount"):
            return "DECIMAL(12,2)"
        if c in ("due_on", "paid_on", "expires_on"):
            return "DATE"
        fam = COL_FAMILY.get(c)
        if fam in ("str", "code"):
            return self.rng.choice(["VARCHAR(255)", "VARCHAR(64)", "VARCHAR(16)"])
        if fam == "text":
            return "TEXT"
        if fam == "int":
            return self.rng.choice(["INT", "BIGINT", "SMALLINT"])
        if fam == "num":
            return "DECIMAL(10,3)"
        if fam == "json":
            return "JSON"
        return self.type_pick()

    def create_table(self):
        rng = self.rng
        name = self.s.new_table_name()
        cols = [("id", "BIGINT")]
        lines = ["`id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT"]
        used = {"id"}
        fk = None
        if self.s.tables and rng.random() < 0.5:
            ref = self.s.table()
            fk = ("%s_id" % ref.name, ref.name)
            cols.append((fk[0], "BIGINT"))
            used.add(fk[0])
            lines.append("`%s` BIGINT UNSIGNED NOT NULL" % fk[0])
        for _ in range(rng.randint(2, 7)):
            c = rng.choice(COL_WORDS)
            if c in used:
                continue
            used.add(c)
            typ = self.col_type(c)
            cols.append((c, typ))
            extra = rng.choice(["", "", " NOT NULL", " NULL", " NOT NULL DEFAULT 0" if "INT" in typ else " DEFAULT NULL"])
            if rng.random() < 0.1:
                extra += " COMMENT '%s column'" % c
            lines.append("`%s` %s%s" % (c, typ, extra))
        cols.append(("created_at", "DATETIME"))
        lines.append("`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP")
        lines.append("`updated_at` DATETIME NULL ON UPDATE CURRENT_TIMESTAMP")
        cols.append(("updated_at", "DATETIME"))
        lines.append("PRIMARY KEY (`id`)")
        if fk:
            lines.append("KEY `idx_%s_%s` (`%s`)" % (name, fk[0], fk[0]))
            lines.append("CONSTRAINT `fk_%s_%s` FOREIGN KEY (`%s`) REFERENCES `%s` (`id`) ON DELETE CASCADE" % (
                name, fk[0], fk[0], fk[1]))
        t = Table(name, cols)
        self.s.add_table(t)
        ine = "IF NOT EXISTS " if rng.random() < 0.3 else ""
        return "CREATE TABLE %s`%s` (\n  %s\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;" % (
            ine, name, ",\n  ".join(lines))

    def add_column(self):
        rng = self.rng
        t = self.s.table()
        c = self.s.new_col_name(t)
        typ = self.col_type(c)
        tail = rng.choice(["", " NULL", " NOT NULL", " NOT NULL DEFAULT ''" if "CHAR" in typ or "TEXT" in typ else " DEFAULT NULL",
                           " DEFAULT CURRENT_TIMESTAMP" if typ.startswith(("DATETIME", "TIMESTAMP")) else " DEFAULT NULL"])
        pos = ""
        if rng.random() < 0.2:
            pos = " AFTER `%s`" % rng.choice(t.cols)[0]
        t.cols.append((c, typ))
        ine = "IF NOT EXISTS " if rng.random() < 0.2 else ""
        return "ALTER TABLE %s ADD COLUMN %s`%s` %s%s%s%s;" % (
            self.bt(t.name), ine, c, typ, tail, pos, self.online(("INSTANT", "INPLACE", "COPY", "NOCOPY")))

    def modify_column(self):
        rng = self.rng
        t = self.s.table()
        c, _ = rng.choice(t.cols[1:] or t.cols)
        typ = rng.choice(["VARCHAR(512)", "BIGINT", "TEXT", "DECIMAL(18,4)", "DATETIME(6)", "VARCHAR(255)"])
        null = rng.choice([" NOT NULL", " NULL", ""])
        return "ALTER TABLE %s MODIFY COLUMN `%s` %s%s%s;" % (self.bt(t.name), c, typ, null, self.online())

    def change_column(self):
        t = self.s.table()
        i = self.rng.randrange(1, len(t.cols)) if len(t.cols) > 1 else 0
        c, typ = t.cols[i]
        new = self.s.fresh(c.split("_")[0])
        t.cols[i] = (new, typ)
        return "ALTER TABLE %s CHANGE COLUMN `%s` `%s` %s%s;" % (self.bt(t.name), c, new, typ, self.online())

    def add_index(self):
        rng = self.rng
        t = self.s.table()
        c = rng.choice(t.cols[1:] or t.cols)[0]
        name = "idx_%s_%s" % (t.name, c)
        if name in t.indexes:
            name = self.s.fresh(name)
        t.indexes.append(name)
        uniq = "UNIQUE " if rng.random() < 0.15 else ""
        if rng.random() < 0.5:
            return "CREATE %sINDEX `%s` ON %s (`%s`)%s;" % (
                uniq, name, self.bt(t.name), c, rng.choice(["", " ALGORITHM=INPLACE LOCK=NONE", " LOCK=NONE"]))
        return "ALTER TABLE %s ADD %sINDEX `%s` (`%s`)%s;" % (self.bt(t.name), uniq, name, c, self.online())

    def drop_index(self):
        rng = self.rng
        cands = [t for t in self.s.tables[-60:] if t.indexes]
        t = rng.choice(cands) if cands else self.s.table()
        name = t.indexes.pop() if t.indexes else "idx_%s_legacy" % t.name
        if rng.random() < 0.5:
            return "DROP INDEX `%s` ON %s;" % (name, self.bt(t.name))
        return "ALTER TABLE %s DROP INDEX `%s`%s;" % (self.bt(t.name), name, self.online())

    def add_fk(self):
        t = self.s.table()
        ref = self.s.table()
        col = "%s_id" % ref.name
        return "ALTER TABLE %s ADD CONSTRAINT `fk_%s_%s` FOREIGN KEY (`%s`) REFERENCES `%s` (`id`)%s;" % (
            self.bt(t.name), t.name, ref.name, col, ref.name, self.rng.choice(["", " ON DELETE CASCADE", " ON DELETE SET NULL"]))

    def add_check(self):
        t = self.s.table()
        c = self.rng.choice(t.cols)[0]
        return "ALTER TABLE %s ADD CONSTRAINT `chk_%s_%s` CHECK (`%s` IS NOT NULL);" % (self.bt(t.name), t.name, c, c)

    def update(self):
        rng = self.rng
        t = self.s.table()
        c, typ = rng.choice(t.cols[1:] or t.cols)
        val = maria_literal(rng, typ, self.s.counter)
        if rng.random() < 0.05:
            return "UPDATE %s SET `%s` = %s;" % (self.bt(t.name), c, val)
        tail = " LIMIT 1000" if rng.random() < 0.3 else ""
        return "UPDATE %s SET `%s` = %s WHERE `%s` IS NULL%s;" % (self.bt(t.name), c, val, c, tail)

    def insert(self):
        rng = self.rng
        t = self.s.table()
        cols = t.cols[1:5] or t.cols[:1]
        rows = ["(%s)" % ", ".join(maria_literal(rng, ty, i) for _, ty in cols) for i in range(rng.randint(1, 4))]
        verb = "INSERT IGNORE INTO" if rng.random() < 0.15 else "INSERT INTO"
        return "%s %s (%s) VALUES\n  %s;" % (verb, self.bt(t.name), ", ".join("`%s`" % c for c, _ in cols), ",\n  ".join(rows))

    def delete(self):
        t = self.s.table()
        return "DELETE FROM %s WHERE `created_at` < NOW() - INTERVAL 90 DAY LIMIT 10000;" % self.bt(t.name)

    def set_timeout(self):
        return self.rng.choice([
            "SET SESSION lock_wait_timeout = 5;",
            "SET lock_wait_timeout = 10;",
            "SET SESSION innodb_lock_wait_timeout = 5;",
            "SET SESSION max_statement_time = 30;",
            "SET @@session.lock_wait_timeout = 3;",
        ])

    def rename_column(self):
        t = self.s.table()
        i = self.rng.randrange(1, len(t.cols)) if len(t.cols) > 1 else 0
        c, typ = t.cols[i]
        new = self.s.fresh(c.split("_")[0])
        t.cols[i] = (new, typ)
        return "ALTER TABLE %s RENAME COLUMN `%s` TO `%s`%s;" % (self.bt(t.name), c, new, self.online())

    def drop_column(self):
        t = self.s.table()
        if len(t.cols) < 3:
            return self.add_column()
        i = self.rng.randrange(1, len(t.cols))
        c = t.cols.pop(i)[0]
        return "ALTER TABLE %s DROP COLUMN `%s`%s;" % (self.bt(t.name), c, self.online())

    def table_comment(self):
        t = self.s.table()
        return "ALTER TABLE %s COMMENT = 'Rows of %s; owned by team core';" % (self.bt(t.name), t.name)

    def create_procedure(self):
        t = self.s.table()
        self.s.functions += 1
        return (
            "DELIMITER //\n"
            "CREATE PROCEDURE `purge_%s_%d`(IN p_days INT)\n"
            "BEGIN\n"
            "  -- ALTER TABLE `%s` ADD COLUMN x INT; (text inside the body)\n"
            "  DELETE FROM `%s` WHERE `created_at` < NOW() - INTERVAL p_days DAY;\n"
            "  UPDATE `%s` SET `updated_at` = NOW() WHERE `id` < 10;\n"
            "END //\n"
            "DELIMITER ;" % (t.name, self.s.functions, t.name, t.name, t.name))

    def rename_table(self):
        t = self.s.table()
        new = self.s.fresh(t.name.split("_")[0])
        old = t.name
        self.s.remove_table(t)
        t.name = new
        self.s.add_table(t)
        return "RENAME TABLE `%s` TO `%s`;" % (old, new)

    def drop_table(self):
        if len(self.s.tables) < 10:
            return self.create_table()
        t = self.s.table()
        self.s.remove_table(t)
        return "DROP TABLE IF EXISTS `%s`;" % t.name

    def create_view(self):
        t = self.s.table()
        return "CREATE OR REPLACE VIEW `%s_v` AS SELECT %s FROM `%s`;" % (
            t.name, ", ".join("`%s`" % c for c, _ in t.cols[:4]), t.name)

    def file(self, version, n):
        rng = self.rng
        out = []
        kinds = []
        if rng.random() < 0.5:
            out.append("-- Migration %d" % version)
        first = None
        for i in range(n):
            kind = "set_timeout" if i == 0 and rng.random() < 0.2 else self.pick()
            if first is None and kind != "set_timeout":
                first = kind
            stmt = getattr(self, kind)()
            if rng.random() < 0.05:
                out.append(rng.choice(["-- see ticket OPS-%d" % rng.randint(100, 9999), "# MariaDB-style comment",
                                       "/* reviewed; safe online */"]))
            out.append(stmt)
            kinds.append(kind)
        slug = "%s_%s_%s" % (rng.choice(MIGRATION_VERBS), rng.choice(NOUNS), first or "settings")
        return "V%d__%s.sql" % (version, slug), "\n".join(out) + "\n", kinds, False


# --------------------------------------------------------------------------- main

def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dialect", choices=["postgresql", "pg", "mariadb"], default="postgresql")
    ap.add_argument("--files", type=int, help="number of files (default 5000 pg, 1000 mariadb)")
    ap.add_argument("--statements", type=int, default=10, help="statements per file (default 10)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %d)" % DEFAULT_SEED)
    ap.add_argument("--out", help="output directory (default bench/corpus/pg or bench/corpus/mariadb)")
    ap.add_argument("--quiet", action="store_true", help="print only the totals line")
    args = ap.parse_args(argv)

    pg = args.dialect in ("postgresql", "pg")
    files = args.files if args.files is not None else (5000 if pg else 1000)
    if files < 1 or args.statements < 1:
        ap.error("--files and --statements must be positive")
    out = args.out or os.path.join(here, "corpus", "pg" if pg else "mariadb")
    os.makedirs(out, exist_ok=True)
    for old in glob.glob(os.path.join(out, "V*__*.sql")):
        os.remove(old)

    rng = random.Random(args.seed)
    gen = PgGen(rng) if pg else MariaGen(rng)
    counts = collections.Counter()
    notx_files = 0
    total_bytes = 0
    for v in range(1, files + 1):
        name, text, kinds, notx = gen.file(v, args.statements)
        data = text.encode("utf-8")
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        total_bytes += len(data)
        counts.update(kinds)
        notx_files += notx

    total = sum(counts.values())
    lines = [
        "dialect=%s seed=%d files=%d statements_per_file=%d statements=%d bytes=%d no_transaction_files=%d" % (
            "postgresql" if pg else "mariadb", args.seed, files, args.statements, total, total_bytes, notx_files),
    ]
    for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append("  %-28s %7d  %5.1f%%" % (kind, n, 100.0 * n / total))
    with open(os.path.join(out, "MANIFEST.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    if args.quiet:
        print("%s: %d files, %d statements" % (out, files, total))
    else:
        print("wrote %d files, %d statements (%.1f MB) to %s" % (files, total, total_bytes / 1e6, out))
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
