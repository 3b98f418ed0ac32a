package io.stowage.engine.iam.policy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a bucket policy is "public" in the sense of S3 Block Public Access (S3 User Guide, "The
 * meaning of public"). A policy is public when an Allow statement grants to everyone ("*") and no
 * condition of that statement limits the request to fixed values of a key that says who or where
 * it comes from. Fixed means without wildcards or policy variables; for aws:SourceIp it means
 * ranges no broader than /8 (IPv4) or /32 (IPv6).
 */
final class PublicPolicyCheck {

    private static final String SOURCE_IP = "aws:sourceip";
    private static final Set<String> LIMITING_KEYS = Set.of("aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce",
            "aws:sourceowner", "aws:sourceaccount", "aws:principalorgid", "aws:userid", "s3:dataaccesspointarn",
            "s3:dataaccesspointaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id");
    private static final Set<Comparison> STRING_MATCHES =
            EnumSet.of(Comparison.STRING_EQUALS, Comparison.STRING_EQUALS_IGNORE_CASE, Comparison.STRING_LIKE);
    private static final int BROADEST_PRIVATE_IPV4_PREFIX = 8;
    private static final int BROADEST_PRIVATE_IPV6_PREFIX = 32;

    private PublicPolicyCheck() {
    }

    static boolean isPublic(PolicyDocument policy) {
        return policy.statements().stream().anyMatch(s -> s.effect() == Effect.ALLOW
                && s.principals().stream().anyMatch(PolicyPrincipal.Everyone.class::isInstance)
                && s.conditions().stream().noneMatch(c -> limitsToFixedValues(c, policy.version())));
    }

    private static boolean limitsToFixedValues(Condition condition, PolicyVersion version) {
        if (!(condition instanceof ValueCondition c)) {
            return false;
        }
        ConditionOperator operator = c.operator();
        // a negated operator, IfExists or ForAllValues lets requests without the key (or outside the values) through
        if (operator.negated() || operator.ifExists() || operator.qualifier() == ConditionOperator.SetQualifier.FOR_ALL_VALUES) {
            return false;
        }
        String key = c.key().toLowerCase(Locale.ROOT);
        if (key.equals(SOURCE_IP)) {
            return operator.comparison() == Comparison.IP_ADDRESS && c.values().stream().allMatch(PublicPolicyCheck::isNarrow);
        }
        return LIMITING_KEYS.contains(key) && STRING_MATCHES.contains(operator.comparison())
                && c.values().stream().allMatch(v -> ValuePattern.parse(v, version.hasVariables(), false).isFixed());
    }

    private static boolean isNarrow(String range) {
        Cidr cidr = Cidr.parse(range);
        return cidr.prefixLength() >= (cidr.isIpv4() ? BROADEST_PRIVATE_IPV4_PREFIX : BROADEST_PRIVATE_IPV6_PREFIX);
    }
}
