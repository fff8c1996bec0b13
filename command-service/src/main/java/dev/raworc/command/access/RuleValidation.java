package dev.raworc.command.access;

import java.util.ArrayList;
import java.util.List;

import dev.raworc.api.access.Rule;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.ErrorEnvelope.FieldProblem;

/** Rules may name only the resources and verbs the API has, so a typo cannot silently grant nothing. */
final class RuleValidation {

    private RuleValidation() {
    }

    static void requireKnown(List<Rule> rules) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String at = "rules[" + i + "].";
            if (rule.apiGroups().isEmpty()) {
                problems.add(new FieldProblem(at + "api_groups", "must name at least one API group"));
            }
            for (String resource : rule.resources()) {
                if (!Rule.ANY.equals(resource) && Resource.fromWireName(resource).isEmpty()) {
                    problems.add(new FieldProblem(at + "resources", "unknown resource '" + resource + "'"));
                }
            }
            for (String verb : rule.verbs()) {
                if (Rule.ANY.equals(verb)) {
                    continue;
                }
                Verb known = Verb.fromWireName(verb).orElse(null);
                if (known == null) {
                    problems.add(new FieldProblem(at + "verbs", "unknown verb '" + verb + "'"));
                    continue;
                }
                rule.resources().stream()
                        .flatMap(resource -> Resource.fromWireName(resource).stream())
                        .filter(resource -> !known.appliesTo(resource))
                        .forEach(resource -> problems.add(new FieldProblem(at + "verbs",
                                "verb '" + verb + "' does not apply to '" + resource.wireName() + "'")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "Invalid rules: " + problems.stream()
                    .map(problem -> problem.field() + " " + problem.message()).toList(), problems);
        }
    }
}
