package io.stowage.engine.iam.policy;

import java.util.List;

/**
 * One statement. Actions and resources carry whether they came from Action/Resource or from
 * NotAction/NotResource; every condition must hold for the statement to apply.
 *
 * @param sid the Sid, or null
 */
record Statement(String sid, Effect effect, List<PolicyPrincipal> principals, PatternList actions,
        PatternList resources, List<Condition> conditions) {

    Statement {
        principals = List.copyOf(principals);
        conditions = List.copyOf(conditions);
    }
}
