package io.github.migrationdelivery.engine.sql;

import io.github.migrationdelivery.engine.plan.Dialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecognizerTest {

    private static StatementShape pg(String sql) {
        return new Recognizer(Dialect.POSTGRESQL).recognize(Lexer.significant(sql, Dialect.POSTGRESQL));
    }

    private static StatementShape maria(String sql) {
        return new Recognizer(Dialect.MARIADB).recognize(Lexer.significant(sql, Dialect.MARIADB));
    }

    private static AlterAction onlyAction(StatementShape shape) {
        assertThat(shape).isInstanceOf(StatementShape.AlterTable.class);
        StatementShape.AlterTable at = (StatementShape.AlterTable) shape;
        assertThat(at.actions()).hasSize(1);
        return at.actions().get(0);
    }

    @Test
    void addColumnWithDefaultAndNotNull() {
        StatementShape shape = pg("ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'pending'");
        assertThat(((StatementShape.AlterTable) shape).table()).isEqualTo(new QualifiedName("public", "orders"));
        AlterAction a = onlyAction(shape);
        assertThat(a.kind()).isEqualTo(AlterAction.Kind.ADD_COLUMN);
        assertThat(a.ifExists()).isTrue();
        ColumnDef c = a.definition();
        assertThat(c.name()).isEqualTo("status");
        assertThat(c.type().name()).isEqualTo("text");
        assertThat(c.notNull()).isTrue();
        assertThat(c.defaultExpr()).extracting(Token::text).containsExactly("'pending'");
    }

    @Test
    void defaultExpressionStopsAtNextConstraint() {
        ColumnDef c = onlyAction(pg("alter table t add column id uuid default gen_random_uuid() not null")).definition();
        assertThat(c.defaultExpr()).extracting(Token::text).containsExactly("gen_random_uuid", "(", ")");
        assertThat(c.notNull()).isTrue();
    }

    @Test
    void multiWordTypesAreCanonical() {
        ColumnDef c = onlyAction(pg("ALTER TABLE t ADD created timestamp(3) with time zone")).definition();
        assertThat(c.type().name()).isEqualTo("timestamptz");
        assertThat(c.type().args()).containsExactly("3");
        assertThat(onlyAction(pg("ALTER TABLE t ADD n character varying(20)")).definition().type())
                .satisfies(t -> {
                    assertThat(t.name()).isEqualTo("varchar");
                    assertThat(t.length()).isEqualTo(20);
                });
        assertThat(onlyAction(pg("ALTER TABLE t ALTER COLUMN id TYPE int8 USING id::bigint")).type().name()).isEqualTo("bigint");
        assertThat(onlyAction(pg("ALTER TABLE t ADD COLUMN tags text[]")).definition().type().array()).isTrue();
    }

    @Test
    void constraintsWithNotValidAndUsingIndex() {
        AlterAction check = onlyAction(pg("ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID"));
        assertThat(check.kind()).isEqualTo(AlterAction.Kind.ADD_CONSTRAINT);
        assertThat(check.constraint().type()).isEqualTo(ConstraintDef.Type.CHECK);
        assertThat(check.constraint().notValid()).isTrue();
        assertThat(check.constraint().isNotNullCheckOn("status")).isTrue();

        AlterAction fk = onlyAction(pg("ALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID"));
        assertThat(fk.constraint().type()).isEqualTo(ConstraintDef.Type.FOREIGN_KEY);
        assertThat(fk.constraint().columns()).containsExactly("customer_id");
        assertThat(fk.constraint().referencedTable()).isEqualTo(QualifiedName.of("customers"));
        assertThat(fk.constraint().notValid()).isTrue();

        AlterAction pk = onlyAction(pg("ALTER TABLE items ADD PRIMARY KEY USING INDEX items_pkey_idx"));
        assertThat(pk.constraint().type()).isEqualTo(ConstraintDef.Type.PRIMARY_KEY);
        assertThat(pk.constraint().usingIndex()).isEqualTo("items_pkey_idx");

        AlterAction unique = onlyAction(pg("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)"));
        assertThat(unique.constraint().type()).isEqualTo(ConstraintDef.Type.UNIQUE);
        assertThat(unique.constraint().name()).isEqualTo("users_email_key");
    }

    @Test
    void columnActions() {
        assertThat(onlyAction(pg("ALTER TABLE t ALTER COLUMN c SET NOT NULL")).kind()).isEqualTo(AlterAction.Kind.SET_NOT_NULL);
        assertThat(onlyAction(pg("ALTER TABLE t ALTER c DROP NOT NULL")).kind()).isEqualTo(AlterAction.Kind.DROP_NOT_NULL);
        assertThat(onlyAction(pg("ALTER TABLE t ALTER COLUMN c SET DEFAULT 0")).kind()).isEqualTo(AlterAction.Kind.SET_DEFAULT);
        assertThat(onlyAction(pg("ALTER TABLE t VALIDATE CONSTRAINT c_check")).name()).isEqualTo("c_check");
        AlterAction rename = onlyAction(pg("ALTER TABLE users RENAME COLUMN full_name TO name"));
        assertThat(rename.kind()).isEqualTo(AlterAction.Kind.RENAME_COLUMN);
        assertThat(rename.column()).isEqualTo("full_name");
        assertThat(rename.name()).isEqualTo("name");
        assertThat(onlyAction(pg("ALTER TABLE users RENAME TO people")).kind()).isEqualTo(AlterAction.Kind.RENAME_TABLE);
        AlterAction drop = onlyAction(pg("ALTER TABLE users DROP COLUMN IF EXISTS full_name CASCADE"));
        assertThat(drop.kind()).isEqualTo(AlterAction.Kind.DROP_COLUMN);
        assertThat(drop.column()).isEqualTo("full_name");
        assertThat(drop.cascade()).isTrue();
        AlterAction detach = onlyAction(pg("ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY"));
        assertThat(detach.kind()).isEqualTo(AlterAction.Kind.DETACH_PARTITION);
        assertThat(detach.concurrently()).isTrue();
    }

    @Test
    void severalActionsInOneAlter() {
        StatementShape.AlterTable at = (StatementShape.AlterTable) pg(
                "ALTER TABLE users ADD COLUMN first_name text, ADD COLUMN last_name text, DROP COLUMN full_name");
        assertThat(at.actions()).extracting(AlterAction::kind).containsExactly(
                AlterAction.Kind.ADD_COLUMN, AlterAction.Kind.ADD_COLUMN, AlterAction.Kind.DROP_COLUMN);
    }

    @Test
    void indexes() {
        StatementShape.CreateIndex ci = (StatementShape.CreateIndex) pg(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_email ON ONLY users USING btree (lower(email), id DESC) WHERE deleted_at IS NULL");
        assertThat(ci.unique()).isTrue();
        assertThat(ci.concurrently()).isTrue();
        assertThat(ci.ifNotExists()).isTrue();
        assertThat(ci.name()).isEqualTo("idx_email");
        assertThat(ci.table()).isEqualTo(QualifiedName.of("users"));
        assertThat(ci.columns()).hasSize(2).contains("id");
        StatementShape.CreateIndex unnamed = (StatementShape.CreateIndex) pg("CREATE INDEX ON orders (customer_id)");
        assertThat(unnamed.name()).isEmpty();
        assertThat(unnamed.table()).isEqualTo(QualifiedName.of("orders"));
        StatementShape.DropIndex di = (StatementShape.DropIndex) pg("DROP INDEX CONCURRENTLY IF EXISTS public.idx_a");
        assertThat(di.concurrently()).isTrue();
        assertThat(di.ifExists()).isTrue();
        assertThat(di.names()).containsExactly(new QualifiedName("public", "idx_a"));
        StatementShape.Reindex ri = (StatementShape.Reindex) pg("REINDEX (VERBOSE) INDEX CONCURRENTLY idx_a");
        assertThat(ri.concurrently()).isTrue();
        assertThat(ri.objectType()).isEqualTo("INDEX");
    }

    @Test
    void createTableColumnsAndConstraints() {
        StatementShape.CreateTable ct = (StatementShape.CreateTable) pg("""
                CREATE TABLE IF NOT EXISTS orders (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  customer_id bigint NOT NULL REFERENCES customers (id),
                  total numeric(12, 2) DEFAULT 0 CHECK (total >= 0),
                  created_at timestamptz NOT NULL DEFAULT now(),
                  CONSTRAINT orders_customer_uq UNIQUE (customer_id, created_at)
                )""");
        assertThat(ct.ifNotExists()).isTrue();
        assertThat(ct.columns()).extracting(ColumnDef::name).containsExactly("id", "customer_id", "total", "created_at");
        assertThat(ct.columns().get(0).identity()).isTrue();
        assertThat(ct.columns().get(0).primaryKey()).isTrue();
        assertThat(ct.columns().get(1).references()).isTrue();
        assertThat(ct.columns().get(2).type().args()).containsExactly("12", "2");
        assertThat(ct.columns().get(2).checks()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ConstraintDef.Type.CHECK);
            assertThat(c.name()).isEmpty();
            assertThat(c.columns()).containsExactly("total");
            assertThat(c.expression()).extracting(Token::text).containsExactly("total", ">=", "0");
        });
        assertThat(ct.columns().get(1).checks()).isEmpty();
        assertThat(ct.constraints()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ConstraintDef.Type.UNIQUE);
            assertThat(c.columns()).containsExactly("customer_id", "created_at");
        });
    }

    @Test
    void dmlDropsTruncateAndSettings() {
        StatementShape.Dml update = (StatementShape.Dml) pg("UPDATE users SET first_name = split_part(full_name, ' ', 1), last_name = x WHERE id BETWEEN 1 AND 100");
        assertThat(update.hasWhere()).isTrue();
        assertThat(update.assignedColumns()).containsExactly("first_name", "last_name");
        assertThat(((StatementShape.Dml) pg("DELETE FROM sessions")).hasWhere()).isFalse();
        assertThat(((StatementShape.Dml) pg("UPDATE t SET a = (SELECT b FROM u WHERE u.id = t.id)")).hasWhere())
                .as("a WHERE inside a subquery does not bound the UPDATE").isFalse();
        StatementShape.Drop drop = (StatementShape.Drop) pg("DROP TABLE IF EXISTS a, b CASCADE");
        assertThat(drop.names()).hasSize(2);
        assertThat(drop.cascade()).isTrue();
        assertThat(((StatementShape.Truncate) pg("TRUNCATE TABLE orders CASCADE")).cascade()).isTrue();
        StatementShape.SetVariable set = (StatementShape.SetVariable) pg("SET lock_timeout = '1s'");
        assertThat(set.name()).isEqualTo("lock_timeout");
        assertThat(set.value()).isEqualTo("1s");
        assertThat(((StatementShape.SetVariable) pg("SET LOCAL statement_timeout TO 5000")).local()).isTrue();
        assertThat(pg("WITH moved AS (SELECT id FROM a) DELETE FROM b WHERE id IN (SELECT id FROM moved)"))
                .isInstanceOfSatisfying(StatementShape.Dml.class, d -> assertThat(d.kind()).isEqualTo(StatementShape.Dml.Kind.DELETE));
    }

    @Test
    void statementsAFullParserRejectsAreStillRecognised() {
        assertThat(pg("DO $$ BEGIN ALTER TABLE x DROP COLUMN y; END $$")).isInstanceOf(StatementShape.CodeBlock.class);
        assertThat(pg("VACUUM (FULL, ANALYZE) orders")).isInstanceOfSatisfying(StatementShape.Maintenance.class,
                m -> assertThat(m.full()).isTrue());
        assertThat(pg("CLUSTER orders USING orders_pkey")).isInstanceOf(StatementShape.Maintenance.class);
        assertThat(pg("ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok'")).isInstanceOfSatisfying(StatementShape.AlterType.class,
                t -> assertThat(t.positioned()).isTrue());
        assertThat(pg("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()"))
                .isInstanceOfSatisfying(StatementShape.OtherDdl.class, o -> assertThat(o.objectType()).isEqualTo("TRIGGER"));
        assertThat(pg("FROBNICATE everything")).isInstanceOf(StatementShape.Unrecognized.class);
    }

    @Test
    void mysqlAlterClausesAndColumnChanges() {
        StatementShape.AlterTable at = (StatementShape.AlterTable) maria(
                "ALTER TABLE `orders` ADD COLUMN `note` varchar(100) AFTER `id`, ALGORITHM=INSTANT, LOCK=NONE");
        assertThat(at.table()).isEqualTo(QualifiedName.of("orders"));
        assertThat(at.algorithm()).isEqualTo("INSTANT");
        assertThat(at.lock()).isEqualTo("NONE");
        assertThat(at.actions().get(0).definition().position()).isEqualTo("AFTER id");
        AlterAction change = onlyAction(maria("ALTER TABLE t CHANGE COLUMN old_name new_name bigint unsigned NOT NULL"));
        assertThat(change.kind()).isEqualTo(AlterAction.Kind.MODIFY_COLUMN);
        assertThat(change.column()).isEqualTo("old_name");
        assertThat(change.name()).isEqualTo("new_name");
        assertThat(change.type().name()).isEqualTo("bigint unsigned");
        assertThat(onlyAction(maria("ALTER TABLE t ADD FULLTEXT INDEX ft (body)")).kind()).isEqualTo(AlterAction.Kind.ADD_INDEX);
        assertThat(onlyAction(maria("ALTER TABLE t DROP PRIMARY KEY")).kind()).isEqualTo(AlterAction.Kind.DROP_PRIMARY_KEY);
        StatementShape.DropIndex di = (StatementShape.DropIndex) maria("DROP INDEX idx_a ON orders");
        assertThat(di.table()).isEqualTo(QualifiedName.of("orders"));
        StatementShape.CreateIndex ci = (StatementShape.CreateIndex) maria("CREATE INDEX idx ON t (a) ALGORITHM=INPLACE LOCK=NONE");
        assertThat(ci.algorithm()).isEqualTo("INPLACE");
        assertThat(ci.lock()).isEqualTo("NONE");
        assertThat(maria("RENAME TABLE a TO b")).isInstanceOfSatisfying(StatementShape.AlterTable.class,
                r -> assertThat(r.actions().get(0).kind()).isEqualTo(AlterAction.Kind.RENAME_TABLE));
        assertThat(((StatementShape.SetVariable) maria("SET SESSION lock_wait_timeout = 5")).name()).isEqualTo("lock_wait_timeout");
        assertThat(((StatementShape.SetVariable) maria("SET @@session.max_statement_time = 10")).name()).isEqualTo("max_statement_time");
    }

    @Test
    void columnLevelCheckKeepsItsNameAndExpression() {
        ColumnDef d = onlyAction(pg("ALTER TABLE t ADD COLUMN qty int NOT NULL CONSTRAINT qty_positive CHECK (qty > 0) DEFAULT 1"))
                .definition();
        assertThat(d.notNull()).isTrue();
        assertThat(d.hasDefault()).isTrue();
        assertThat(d.checks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("qty_positive");
            assertThat(c.notValid()).isFalse();
            assertThat(c.expression()).extracting(Token::text).containsExactly("qty", ">", "0");
        });
        // CONSTRAINT names only the constraint right after it
        ColumnDef two = onlyAction(pg("ALTER TABLE t ADD COLUMN n int CONSTRAINT n_nn NOT NULL CHECK (n > 0) CHECK (n < 9)"))
                .definition();
        assertThat(two.checks()).extracting(ConstraintDef::name).containsExactly("", "");
        assertThat(two.checks()).extracting(c -> c.expression().get(1).text()).containsExactly(">", "<");
    }
}
