package io.github.migrationdelivery.engine.approval;

import io.github.migrationdelivery.engine.lint.ChangeClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may approve what: the {@code approval:} section of {@code .migration-delivery.yml}.
 * Identities are compared without regard to case and surrounding blanks, as CI systems spell
 * user ids inconsistently.
 *
 * @param approvers   users, and groups as {@code group:<name>}, who may approve; empty: nobody
 * @param groups      group members known from the configuration ({@code groups: {dba: [bob]}});
 *                    CI may also vouch for an approver's groups at approval time
 * @param required    distinct approvals each risk class needs
 * @param botPatterns identities that may never approve ({@code *} matches any characters), in
 *                    addition to {@link #DEFAULT_BOT_PATTERNS}
 * @param auditLog    where decisions are recorded
 */
public record ApprovalPolicy(List<String> approvers, Map<String, Set<String>> groups, Map<ChangeClass, Integer> required,
                             List<String> botPatterns, Path auditLog) {

    public static final List<String> DEFAULT_BOT_PATTERNS = List.of("*[bot]", "*-bot", "svc-*", "jenkins");
    public static final Map<ChangeClass, Integer> DEFAULT_REQUIRED = Map.of(
            ChangeClass.ADDITIVE, 0, ChangeClass.BACKFILL, 1, ChangeClass.DESTRUCTIVE, 2);
    public static final Path DEFAULT_AUDIT_LOG = Path.of(".migration-delivery", "approvals.jsonl");
    public static final String GROUP_PREFIX = "group:";

    public ApprovalPolicy {
        approvers = approvers.stream().map(ApprovalPolicy::identity).toList();
        Map<String, Set<String>> g = new LinkedHashMap<>();
        groups.forEach((name, members) -> g.put(identity(name),
                members.stream().map(ApprovalPolicy::identity).collect(Collectors.toUnmodifiableSet())));
        groups = Map.copyOf(g);
        Map<ChangeClass, Integer> r = new EnumMap<>(DEFAULT_REQUIRED);
        r.putAll(required);
        required = Map.copyOf(r);
        List<String> bots = new ArrayList<>(DEFAULT_BOT_PATTERNS);
        botPatterns.stream().map(ApprovalPolicy::identity).filter(p -> !bots.contains(p)).forEach(bots::add);
        botPatterns = List.copyOf(bots);
        auditLog = auditLog == null ? DEFAULT_AUDIT_LOG : auditLog;
    }

    /** No approvers, the default counts, the default bot patterns and audit log. */
    public static ApprovalPolicy defaults() {
        return new ApprovalPolicy(List.of(), Map.of(), Map.of(), List.of(), null);
    }

    /** How identities are compared: trimmed, lower case. */
    public static String identity(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    public int required(ChangeClass changeClass) {
        return required.get(changeClass);
    }

    /** The bot pattern the identity matches, if any. */
    public Optional<String> botPattern(String identity) {
        String id = identity(identity);
        return botPatterns.stream().filter(p -> glob(p).matcher(id).matches()).findFirst();
    }

    /**
     * The entry of {@link #approvers()} that lets {@code approver} approve ("alice" or
     * "group:dba"), given the groups CI vouches the approver belongs to.
     */
    public Optional<String> grant(String approver, Collection<String> vouchedGroups) {
        String id = identity(approver);
        Set<String> vouched = vouchedGroups.stream().map(ApprovalPolicy::identity).collect(Collectors.toSet());
        for (String entry : approvers) {
            if (entry.startsWith(GROUP_PREFIX)) {
                String group = entry.substring(GROUP_PREFIX.length());
                if (vouched.contains(group) || groups.getOrDefault(group, Set.of()).contains(id)) {
                    return Optional.of(entry);
                }
            } else if (entry.equals(id)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code approver} may not decide on a change by {@code authors}; empty when they may.
     * Bots first, then authors, then the list of approvers, so the message names the strongest reason.
     */
    public Optional<String> refusal(String approver, Collection<String> vouchedGroups, Collection<String> authors) {
        String id = identity(approver);
        if (id.isEmpty()) {
            return Optional.of("no approver given");
        }
        Optional<String> bot = botPattern(id);
        if (bot.isPresent()) {
            return Optional.of(id + " matches the bot pattern '" + bot.get()
                    + "' (approval.botPatterns): bots and service accounts cannot approve");
        }
        if (authors.stream().map(ApprovalPolicy::identity).anyMatch(id::equals)) {
            return Optional.of(id + " is the author or requester of this change and cannot approve it");
        }
        if (grant(id, vouchedGroups).isEmpty()) {
            return Optional.of(id + " is not an approver (approval.approvers: "
                    + (approvers.isEmpty() ? "none configured" : String.join(", ", approvers)) + ")");
        }
        return Optional.empty();
    }

    /** {@code *} matches any characters; everything else matches itself. */
    private static Pattern glob(String pattern) {
        return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
