package io.github.migrationdelivery.engine.compat;

import io.github.migrationdelivery.engine.compat.CompatChange.Kind;
import io.github.migrationdelivery.engine.schema.SchemaFingerprint;
import io.github.migrationdelivery.engine.schema.SchemaObject;
import io.github.migrationdelivery.engine.schema.SchemaObject.Detail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges the difference between the schema before and after a plan against the application
 * version still running: which changes can make its queries fail (dropped or renamed tables and
 * columns, narrowed types, new NOT NULL columns it does not write, dropped defaults, removed enum
 * values, dropped views and functions), and which are harmless. With the columns the running
 * version uses, a drop or type change of a column it never touches is harmless.
 *
 * <p>A rename shows in the catalogs as a drop and an add: a dropped column and an added column of
 * the same table with the same definition (a dropped and an added table with the same columns)
 * are reported as one rename.
 */
public final class CompatCheck {

    private final SchemaFingerprint before;
    private final SchemaFingerprint after;
    private final Optional<UsedColumns> used;

    public CompatCheck(SchemaFingerprint before, SchemaFingerprint after, Optional<UsedColumns> used) {
        this.before = before;
        this.after = after;
        this.used = used == null ? Optional.empty() : used;
    }

    /** Every change the running version could notice, breaking ones and harmless drops, in object order. */
    public List<CompatChange> changes() {
        List<CompatChange> out = new ArrayList<>();
        Set<String> droppedTables = tables(before, after);
        Set<String> addedTables = tables(after, before);
        for (String table : droppedTables) {
            Optional<String> renamed = addedTables.stream().filter(t -> columns(after, t).equals(columns(before, table))).findFirst();
            boolean breaking = usesTable(table);
            if (renamed.isPresent()) {
                addedTables.remove(renamed.get());
                out.add(change(Kind.RENAMED_TABLE, "table " + table, breaking, "renamed to " + renamed.get(), unused(breaking),
                        "expand: create " + renamed.get() + " and keep " + table + " working (a view " + table
                                + " over it, or dual writes); deploy the version that uses " + renamed.get(),
                        "contract: drop " + table + " (or its view) in a later release, once no running version reads it"));
            } else {
                out.add(change(Kind.DROPPED_TABLE, "table " + table, breaking, "dropped", unused(breaking),
                        "release N: deploy a version that no longer reads or writes " + table,
                        "release N+1: drop " + table + " (after a backup) once no running version uses it"));
            }
        }
        for (SchemaObject view : removed(SchemaObject.Kind.VIEW)) {
            boolean breaking = usesTable(view.name());
            out.add(change(Kind.DROPPED_VIEW, view.key(), breaking, "dropped", unused(breaking),
                    "release N: deploy a version that no longer reads " + view.name(),
                    "release N+1: drop the view"));
        }
        for (SchemaObject fn : removed(SchemaObject.Kind.FUNCTION, SchemaObject.Kind.PROCEDURE)) {
            String base = fn.name().contains("(") ? fn.name().substring(0, fn.name().indexOf('(')) : fn.name();
            boolean replaced = after.objects().values().stream().anyMatch(o -> o.kind() == fn.kind() && o.name().startsWith(base + "("));
            out.add(change(Kind.DROPPED_FUNCTION, fn.key(), true, replaced ? "signature changed (the old one is dropped)" : "dropped", "",
                    "expand: create the new " + fn.kind().word() + " next to the old one; deploy the version that calls the new one",
                    "contract: drop the old " + fn.kind().word() + " in a later release"));
        }
        for (SchemaObject e : before.objects().values()) {
            SchemaObject now = after.objects().get(e.key());
            if (e.kind() == SchemaObject.Kind.ENUM && now != null) {
                List<String> gone = e.labels().stream().filter(l -> !now.labels().contains(l)).toList();
                if (!gone.isEmpty()) {
                    out.add(enumValues(e.key(), gone, true, ""));
                }
            }
        }
        columns(droppedTables, addedTables, out);
        return List.copyOf(out);
    }

    private void columns(Set<String> droppedTables, Set<String> addedTables, List<CompatChange> out) {
        Map<String, List<SchemaObject>> dropped = new LinkedHashMap<>();
        Map<String, List<SchemaObject>> added = new LinkedHashMap<>();
        for (SchemaObject c : before.objects().values()) {
            if (c.kind() == SchemaObject.Kind.COLUMN && !after.objects().containsKey(c.key()) && !droppedTables.contains(c.table())) {
                dropped.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
            }
        }
        for (SchemaObject c : after.objects().values()) {
            if (c.kind() == SchemaObject.Kind.COLUMN && !before.objects().containsKey(c.key()) && !addedTables.contains(c.table())
                    && before.objects().containsKey("table " + c.table())) {
                added.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
            }
        }
        for (var e : dropped.entrySet()) {
            List<SchemaObject> candidates = added.getOrDefault(e.getKey(), new ArrayList<>());
            for (SchemaObject gone : e.getValue()) {
                List<SchemaObject> same = candidates.stream().filter(a -> a.definition().equals(gone.definition())).toList();
                boolean breaking = usesColumn(gone);
                if (same.size() == 1) {
                    SchemaObject renamed = same.get(0);
                    candidates.remove(renamed);
                    out.add(change(Kind.RENAMED_COLUMN, gone.key(), breaking, "renamed to " + renamed.shortName(), unused(breaking),
                            "expand: add " + renamed.shortName() + " " + gone.detail(Detail.TYPE) + " (nullable), keep " + gone.shortName(),
                            "deploy a version that writes both columns; backfill " + renamed.shortName() + " from "
                                    + gone.shortName() + " in batches",
                            "deploy a version that reads " + renamed.shortName() + " only",
                            "contract: stop writing " + gone.shortName() + ", then drop it in a later release"));
                } else {
                    out.add(change(Kind.DROPPED_COLUMN, gone.key(), breaking, "dropped (was " + gone.definition() + ")", unused(breaking),
                            "release N: deploy a version that no longer reads or writes " + gone.shortName()
                                    + " (ORMs: mark it ignored, so SELECT * mappings do not ask for it)",
                            "release N+1: drop " + gone.name() + " once no running version uses it"));
                }
            }
        }
        for (List<SchemaObject> columns : added.values()) {
            for (SchemaObject c : columns) {
                if (!dropped.getOrDefault(c.table(), List.of()).isEmpty() && isRenameTarget(c, dropped.get(c.table()))) {
                    continue;
                }
                if ("true".equals(c.detail(Detail.NOT_NULL)) && c.detail(Detail.DEFAULT).isEmpty() && c.detail(Detail.GENERATED).isEmpty()) {
                    out.add(change(Kind.NEW_NOT_NULL_WITHOUT_DEFAULT, c.key(), true, "added " + c.definition()
                                    + ": the running version's INSERTs do not name it and fail", "",
                            "expand: add " + c.shortName() + " nullable (or with a DEFAULT)",
                            "deploy a version that writes it; backfill existing rows in batches",
                            "contract: make it NOT NULL in a later release (PostgreSQL: CHECK (" + c.shortName()
                                    + " IS NOT NULL) NOT VALID, VALIDATE, then SET NOT NULL)"));
                }
            }
        }
        for (SchemaObject was : before.objects().values()) {
            SchemaObject now = after.objects().get(was.key());
            if (was.kind() == SchemaObject.Kind.COLUMN && now != null && !was.definition().equals(now.definition())) {
                changedColumn(was, now, out);
            }
        }
    }

    private static boolean isRenameTarget(SchemaObject added, List<SchemaObject> dropped) {
        return dropped.stream().filter(d -> d.definition().equals(added.definition())).count() == 1;
    }

    private void changedColumn(SchemaObject was, SchemaObject now, List<CompatChange> out) {
        boolean usedColumn = usesColumn(was);
        ColumnType from = ColumnType.parse(was.detail(Detail.TYPE));
        ColumnType to = ColumnType.parse(now.detail(Detail.TYPE));
        List<String> gone = from.labels().stream().filter(l -> !to.labels().contains(l)).toList();
        if (!from.labels().isEmpty() && !to.labels().isEmpty() && !gone.isEmpty()) {
            out.add(enumValues(was.key(), gone, usedColumn, unused(usedColumn)));
        } else {
            String narrowing = from.narrowing(to);
            if (!narrowing.isEmpty()) {
                boolean changed = narrowing.equals("type changed");
                out.add(change(changed ? Kind.CHANGED_TYPE : Kind.NARROWED_TYPE, was.key(), usedColumn,
                        was.detail(Detail.TYPE) + " -> " + now.detail(Detail.TYPE) + ": " + narrowing, unused(usedColumn),
                        "expand: add a new column of type " + now.detail(Detail.TYPE) + " next to " + was.shortName(),
                        "deploy a version that writes both (and keeps its values within the new type); backfill in batches,"
                                + " fixing rows that do not fit",
                        "deploy a version that reads the new column only",
                        "contract: drop " + was.shortName() + " in a later release"));
            }
        }
        boolean notNullNow = "true".equals(now.detail(Detail.NOT_NULL));
        boolean defaultNow = !now.detail(Detail.DEFAULT).isEmpty() || !now.detail(Detail.GENERATED).isEmpty();
        if (notNullNow && !"true".equals(was.detail(Detail.NOT_NULL))) {
            boolean breaking = usedColumn || !defaultNow;
            out.add(change(Kind.SET_NOT_NULL, was.key(), breaking, "made NOT NULL" + (defaultNow ? "" : " without a default"),
                    breaking ? "" : "the running version does not use it and the default fills it (--used-columns)",
                    "deploy a version that always writes a value; backfill the NULLs in batches",
                    "then make it NOT NULL (PostgreSQL: CHECK (" + was.shortName() + " IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL)"));
        }
        if (!was.detail(Detail.DEFAULT).isEmpty() && now.detail(Detail.DEFAULT).isEmpty() && now.detail(Detail.GENERATED).isEmpty()) {
            boolean breaking = usedColumn || notNullNow;
            out.add(change(Kind.DROPPED_DEFAULT, was.key(), breaking, "default " + was.detail(Detail.DEFAULT) + " dropped"
                            + (notNullNow ? ": INSERTs that leave it out fail (NOT NULL)" : ": INSERTs that leave it out store NULL"),
                    breaking ? "" : "the running version does not use it and it is nullable (--used-columns)",
                    "deploy a version that always writes " + was.shortName() + " itself",
                    "then drop the default in a later release"));
        }
    }

    private CompatChange enumValues(String object, List<String> gone, boolean breaking, String harmlessWhy) {
        return change(Kind.REMOVED_ENUM_VALUES, object, breaking, "values removed or renamed: " + String.join(", ", gone), harmlessWhy,
                "expand: add the new values (if any) and deploy a version that writes them instead of " + String.join(", ", gone),
                "migrate the rows that hold the old values, in batches",
                "contract: remove the old values in a later release, once no running version writes or reads them");
    }

    private static CompatChange change(Kind kind, String object, boolean breaking, String reason, String harmlessWhy, String... phases) {
        return new CompatChange(kind, object, breaking, breaking || harmlessWhy.isEmpty() ? reason : reason + "; harmless: " + harmlessWhy,
                breaking ? List.of(phases) : List.of());
    }

    private String unused(boolean breaking) {
        return breaking ? "" : "the running version does not use it (--used-columns)";
    }

    private boolean usesColumn(SchemaObject column) {
        return used.map(u -> u.uses(column.table(), column.shortName())).orElse(true);
    }

    private boolean usesTable(String table) {
        return used.map(u -> u.usesTable(table)).orElse(true);
    }

    private List<SchemaObject> removed(SchemaObject.Kind... kinds) {
        Set<SchemaObject.Kind> wanted = Set.of(kinds);
        return before.objects().values().stream()
                .filter(o -> wanted.contains(o.kind()) && !after.objects().containsKey(o.key())).toList();
    }

    /** Tables of {@code in} that {@code notIn} lacks. */
    private static Set<String> tables(SchemaFingerprint in, SchemaFingerprint notIn) {
        Set<String> out = new TreeSet<>();
        for (SchemaObject o : in.objects().values()) {
            if (o.kind() == SchemaObject.Kind.TABLE && !notIn.objects().containsKey(o.key())) {
                out.add(o.name());
            }
        }
        return out;
    }

    /** A table's columns by their short name and definition: equal for a renamed table. */
    private static Map<String, String> columns(SchemaFingerprint fp, String table) {
        Map<String, String> out = new TreeMap<>();
        for (SchemaObject o : fp.objects().values()) {
            if (o.kind() == SchemaObject.Kind.COLUMN && o.table().equals(table)) {
                out.put(o.shortName(), o.definition());
            }
        }
        return out;
    }
}
