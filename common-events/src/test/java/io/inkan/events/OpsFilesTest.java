package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * ops/: the Grafana dashboard and the Prometheus alert rules an operator loads. Every rule is complete (an expr, how
 * long it must hold, a severity, what to tell the person paged), and every {@code inkan_*} metric either file
 * queries is in the list of ops/README.md, so renaming a metric on one side without the other shows up here and not
 * as a silently empty panel or an alert that can never fire. That the running services expose every one of them is
 * system-tests' MetersAfterJourneysIT.
 */
class OpsFilesTest {
    private static final Path OPS = Path.of("..", "ops");
    private static final Pattern METRIC = Pattern.compile("\\binkan_[a-z0-9_]*[a-z0-9]\\b");
    private static final Pattern DOCUMENTED = Pattern.compile("(?m)^\\| `(inkan_[a-z0-9_]+)` \\|");
    private static final Pattern DURATION = Pattern.compile("\\d+[smhdwy]");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @Test
    void everyAlertRuleHasAnExpressionADurationASeverityAndWhatToTellTheOperator() throws IOException {
        List<Map<String, Object>> rules = alertRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            Object name = rule.get("alert");
            if (!(name instanceof String alert) || alert.isBlank()) {
                problems.add("a rule without an alert name: " + rule);
                continue;
            }
            if (!(rule.get("expr") instanceof String expr) || expr.isBlank()) {
                problems.add(alert + ": no expr");
            }
            if (!(rule.get("for") instanceof String duration)
                    || !DURATION.matcher(duration).matches()) {
                problems.add(alert + ": for must be a duration such as 2m, not " + rule.get("for"));
            }
            if (!(rule.get("labels") instanceof Map<?, ?> labels) || !SEVERITIES.contains(labels.get("severity"))) {
                problems.add(alert + ": labels.severity must be one of " + SEVERITIES);
            }
            if (!(rule.get("annotations") instanceof Map<?, ?> annotations)
                    || !(annotations.get("summary") instanceof String)
                    || !(annotations.get("description") instanceof String)) {
                problems.add(alert + ": annotations need a summary and a description");
            }
        }
        assertThat(problems).as("ops/prometheus/inkan-alerts.yml").isEmpty();
    }

    /** The list: each situation an operator must hear about has a rule whose expression watches it. */
    @Test
    void theAlertsWatchWhatOperatorsMustHearAbout() throws IOException {
        List<String> expressions =
                alertRules().stream().map(rule -> (String) rule.get("expr")).toList();
        assertThat(expressions)
                .anyMatch(expr -> expr.contains("inkan_outbox_oldest_age_seconds") && expr.contains("> 300"))
                .anyMatch(expr -> expr.contains("inkan_events_refused_total"))
                .anyMatch(expr -> expr.contains("inkan_events_stalled"))
                .anyMatch(expr -> expr.contains("inkan_mail_failed_total"))
                .anyMatch(expr -> expr.contains("inkan_mail_resent_total"))
                .anyMatch(expr -> expr.contains("inkan_lockouts_total"))
                .anyMatch(expr -> expr.contains("inkan_reminder_lag_seconds"))
                .anyMatch(expr -> expr.contains("probe_success"));
        assertThat(alertRules())
                .filteredOn(rule -> ((String) rule.get("expr")).contains("inkan_events_stalled"))
                .extracting(rule -> rule.get("for"))
                .containsExactly("2m");
    }

    @Test
    void everyMetricTheAlertsNameIsInTheListOfOpsReadme() throws IOException {
        Set<String> named = new TreeSet<>();
        alertRules().forEach(rule -> named.addAll(metrics((String) rule.get("expr"))));
        assertThat(named).isNotEmpty();
        assertThat(documented())
                .as("the metrics listed in ops/README.md (add a row for each one missing)")
                .containsAll(named);
    }

    @Test
    void everyMetricTheDashboardQueriesIsInTheListOfOpsReadme() throws IOException {
        JsonNode dashboard = Golden.JSON.readTree(Files.readString(OPS.resolve("grafana/inkan-dashboard.json")));
        assertThat(dashboard.path("title").asString()).isNotBlank();
        Set<String> named = new TreeSet<>();
        List<JsonNode> panels = dashboard.findValues("targets");
        assertThat(panels).isNotEmpty();
        panels.forEach(targets -> targets.forEach(target -> {
            assertThat(target.path("expr").asString()).as("a panel's query").isNotBlank();
            named.addAll(metrics(target.path("expr").asString()));
        }));
        assertThat(documented())
                .as("the metrics listed in ops/README.md (add a row for each one missing)")
                .containsAll(named);
        assertThat(named)
                .as("the dashboard's panels")
                .contains(
                        "inkan_certificates_issued_total",
                        "inkan_certificates_rejected_total",
                        "inkan_certificates_revoked_total",
                        "inkan_certificates_expired_total",
                        "inkan_logons_total",
                        "inkan_lockouts_total",
                        "inkan_mail_sent_total",
                        "inkan_mail_failed_total",
                        "inkan_mail_retried_total",
                        "inkan_mail_resent_total",
                        "inkan_reminders_due",
                        "inkan_reminder_lag_seconds",
                        "inkan_reminders_sent_total",
                        "inkan_outbox_backlog",
                        "inkan_outbox_oldest_age_seconds",
                        "inkan_events_refused_total",
                        "inkan_events_stalled",
                        "inkan_events_retried_total",
                        "inkan_inbox_duplicates_total");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file;
        try (var in = Files.newBufferedReader(OPS.resolve("prometheus/inkan-alerts.yml"))) {
            file = new Yaml().load(in);
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            assertThat(group.get("name")).as("a rule group's name").isInstanceOf(String.class);
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    private static Set<String> documented() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher row = DOCUMENTED.matcher(Files.readString(OPS.resolve("README.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        return documented;
    }

    private static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(expression);
        while (metric.find()) {
            names.add(metric.group());
        }
        return names;
    }
}
