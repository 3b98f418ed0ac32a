package io.stowage.s3.lifecycle;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.lifecycle.LifecycleFilter.Tag;
import io.stowage.s3.lifecycle.LifecycleRule.Expiration;
import io.stowage.s3.lifecycle.LifecycleRule.NoncurrentExpiration;
import java.util.HashSet;
import java.util.Set;

/** The checks AWS makes on a well-formed lifecycle configuration, each failing with InvalidArgument as there. */
public final class LifecycleValidator {

    static final int MAX_ID_LENGTH = 255;
    static final int MAX_NEWER_NONCURRENT_VERSIONS = 100;

    private LifecycleValidator() {
    }

    /** @throws S3Exception InvalidArgument naming the first rule broken */
    public static void validate(LifecycleConfiguration configuration) {
        if (configuration.rules().size() > LifecycleConfiguration.MAX_RULES) {
            throw invalid("A lifecycle configuration may have at most " + LifecycleConfiguration.MAX_RULES + " rules");
        }
        Set<String> ids = new HashSet<>();
        for (LifecycleRule rule : configuration.rules()) {
            if (rule.id().length() > MAX_ID_LENGTH) {
                throw invalid("ID length should not exceed allowed limit of " + MAX_ID_LENGTH);
            }
            if (!ids.add(rule.id())) {
                throw invalid("Rule ID must be unique. Found same ID for more than one rule: " + rule.id());
            }
            validate(rule);
        }
    }

    private static void validate(LifecycleRule rule) {
        if (!rule.hasAction()) {
            throw invalid("At least one action needs to be specified in a rule");
        }
        validate(rule.filter());
        if (rule.expiration() != null) {
            validate(rule.expiration(), rule.filter());
        }
        NoncurrentExpiration noncurrent = rule.noncurrentExpiration();
        if (noncurrent != null) {
            if (noncurrent.noncurrentDays() <= 0) {
                throw invalid("'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
            }
            Integer newer = noncurrent.newerNoncurrentVersions();
            if (newer != null && (newer < 1 || newer > MAX_NEWER_NONCURRENT_VERSIONS)) {
                throw invalid("'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be an integer from 1 to "
                        + MAX_NEWER_NONCURRENT_VERSIONS);
            }
        }
        if (rule.abortIncompleteUploadDays() != null) {
            if (rule.abortIncompleteUploadDays() <= 0) {
                throw invalid("'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
            }
            if (rule.filter().hasTags()) {
                throw invalid("AbortIncompleteMultipartUpload cannot be specified with Tags");
            }
        }
    }

    private static void validate(Expiration expiration, LifecycleFilter filter) {
        boolean days = expiration.days() != null;
        boolean date = expiration.dateMillis() != null;
        boolean marker = expiration.expiredObjectDeleteMarker() != null;
        if (!days && !date && !marker) {
            throw invalid("Expiration needs Days, Date or ExpiredObjectDeleteMarker");
        }
        if (days && date) {
            throw invalid("Expiration cannot have both Days and Date");
        }
        if (marker && (days || date)) {
            throw invalid("ExpiredObjectDeleteMarker cannot be specified with Days or Date in a Lifecycle Expiration Policy");
        }
        if (days && expiration.days() <= 0) {
            throw invalid("'Days' for Expiration action must be a positive integer");
        }
        if (date && Math.floorMod(expiration.dateMillis(), LifecycleTiming.AWS.dayMillis()) != 0) {
            throw invalid("'Date' must be at midnight GMT");
        }
        if (marker && filter.hasTags()) {
            throw invalid("ExpiredObjectDeleteMarker cannot be specified with Tags");
        }
    }

    private static void validate(LifecycleFilter filter) {
        Set<String> keys = new HashSet<>();
        for (Tag tag : filter.tags()) {
            if (tag.key().isEmpty()) {
                throw invalid("A Tag needs a non-empty Key");
            }
            if (!keys.add(tag.key())) {
                throw invalid("Duplicate Tag Keys are not allowed: " + tag.key());
            }
        }
        Long greater = filter.sizeGreaterThan();
        Long less = filter.sizeLessThan();
        if (greater != null && greater < 0) {
            throw invalid("'ObjectSizeGreaterThan' must be zero or a positive integer");
        }
        if (less != null && less <= 0) {
            throw invalid("'ObjectSizeLessThan' must be a positive integer");
        }
        if (greater != null && less != null && greater >= less) {
            throw invalid("'ObjectSizeGreaterThan' must be less than 'ObjectSizeLessThan'");
        }
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3ErrorCode.InvalidArgument, message);
    }
}
