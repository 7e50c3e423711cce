package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every rule there is: the ones registered through {@code META-INF/services} plus the linter's
 * own checks on suppressions and unparsed statements.
 */
public final class RuleCatalogue {

    static final RuleInfo UNPARSED_STATEMENT = new RuleInfo("unparsed-statement", Severity.WARNING,
            EnumSet.allOf(Dialect.class), "A statement that neither the recogniser nor the SQL parser understands", false, RuleCategory.META);
    static final RuleInfo ALLOW_WITHOUT_REASON = new RuleInfo("allow-without-reason", Severity.ERROR,
            EnumSet.allOf(Dialect.class), "An md:allow suppression that gives no reason", false, RuleCategory.META);
    static final RuleInfo UNUSED_ALLOW = new RuleInfo("unused-allow", Severity.WARNING,
            EnumSet.allOf(Dialect.class), "An md:allow suppression that suppresses nothing", false, RuleCategory.META);

    private final List<Rule> rules;
    private final Map<String, RuleInfo> infos;

    private RuleCatalogue(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, RuleInfo> byId = new LinkedHashMap<>();
        for (RuleInfo builtIn : List.of(UNPARSED_STATEMENT, ALLOW_WITHOUT_REASON, UNUSED_ALLOW)) {
            byId.put(builtIn.id(), builtIn);
        }
        for (Rule r : rules) {
            RuleInfo previous = byId.put(r.info().id(), r.info());
            if (previous != null) {
                throw new EngineException(EngineException.Kind.INTERNAL, "two rules share the id " + r.info().id());
            }
        }
        this.infos = Map.copyOf(byId);
    }

    /** The registered rules, sorted by id so output order never depends on the class path. */
    public static RuleCatalogue load() {
        List<Rule> found = new ArrayList<>();
        for (Rule r : ServiceLoader.load(Rule.class, RuleCatalogue.class.getClassLoader())) {
            found.add(r);
        }
        found.sort(Comparator.comparing(r -> r.info().id()));
        return new RuleCatalogue(found);
    }

    /** A catalogue of exactly these rules (tests). */
    public static RuleCatalogue of(Collection<Rule> rules) {
        return new RuleCatalogue(new ArrayList<>(rules));
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<RuleInfo> info(String id) {
        return Optional.ofNullable(infos.get(id));
    }

    /** All rule descriptions, built-in ones included, sorted by id. */
    public List<RuleInfo> infos() {
        List<RuleInfo> all = new ArrayList<>(infos.values());
        all.sort(Comparator.comparing(RuleInfo::id));
        return all;
    }
}
