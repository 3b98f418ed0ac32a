package io.stowage.s3.router;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.Locale;
import java.util.Set;

/**
 * Maps (method, path, query, host, copy-source) to the operation asked for. A pure function, so
 * it is tested as a table in both path and virtual-host style.
 */
public final class S3Router {

    /** Sub-resources of S3 that Stowage does not implement yet: answered NotImplemented, never misrouted. */
    private static final Set<String> UNSUPPORTED_SUBRESOURCES = Set.of(
            "logging", "notification",
            "replication",
            "accelerate", "requestPayment", "inventory", "analytics", "metrics", "intelligent-tiering",
            "restore", "select", "torrent", "attributes");

    private final String virtualHostDomain;
    private final String websiteDomain;

    /**
     * @param virtualHostDomain the domain under which bucket.domain names a bucket, or null for path style only
     * @param websiteDomain the domain under which bucket.domain is a bucket's website, or null for none
     */
    public S3Router(String virtualHostDomain, String websiteDomain) {
        this.virtualHostDomain = lowerCaseOrNull(virtualHostDomain);
        this.websiteDomain = lowerCaseOrNull(websiteDomain);
    }

    public S3Router(String virtualHostDomain) {
        this(virtualHostDomain, null);
    }

    private static String lowerCaseOrNull(String domain) {
        return domain == null || domain.isBlank() ? null : domain.toLowerCase(Locale.ROOT);
    }

    /** The bucket whose website a request's Host names (bucket.websiteDomain), or null for an S3 request. */
    public String websiteBucket(String host) {
        return bucketUnder(host, websiteDomain);
    }

    /**
     * @param path the percent-decoded request path
     * @param query the parsed query parameters
     * @param host the Host header, possibly with a port, or null
     * @param hasCopySource whether x-amz-copy-source is present
     */
    public Route route(String method, String path, QueryParams query, String host, boolean hasCopySource) {
        String bucket;
        String key;
        String hostBucket = bucketUnder(host, virtualHostDomain);
        if (hostBucket != null) {
            bucket = hostBucket;
            key = path.length() > 1 ? path.substring(1) : null;
        } else {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            if (rest.isEmpty()) {
                bucket = null;
                key = null;
            } else if (slash < 0) {
                bucket = rest;
                key = null;
            } else {
                bucket = rest.substring(0, slash);
                key = slash + 1 < rest.length() ? rest.substring(slash + 1) : null;
            }
        }
        for (String sub : UNSUPPORTED_SUBRESOURCES) {
            if (query.has(sub)) {
                throw new S3Exception(S3ErrorCode.NotImplemented, "The '" + sub + "' sub-resource is not implemented yet");
            }
        }
        if (method.equals("OPTIONS")) {
            return new Route(S3Operation.OPTIONS_OBJECT, bucket, key);
        }
        if (bucket == null) {
            return serviceRoute(method);
        }
        if (query.has("tagging")) {
            return key == null
                    ? configRoute(method, bucket, null, S3Operation.GET_BUCKET_TAGGING, S3Operation.PUT_BUCKET_TAGGING,
                            S3Operation.DELETE_BUCKET_TAGGING)
                    : configRoute(method, bucket, key, S3Operation.GET_OBJECT_TAGGING, S3Operation.PUT_OBJECT_TAGGING,
                            S3Operation.DELETE_OBJECT_TAGGING);
        }
        if (key == null && query.has("encryption")) {
            return configRoute(method, bucket, null, S3Operation.GET_BUCKET_ENCRYPTION, S3Operation.PUT_BUCKET_ENCRYPTION,
                    S3Operation.DELETE_BUCKET_ENCRYPTION);
        }
        if (key == null && query.has("website")) {
            return configRoute(method, bucket, null, S3Operation.GET_BUCKET_WEBSITE, S3Operation.PUT_BUCKET_WEBSITE,
                    S3Operation.DELETE_BUCKET_WEBSITE);
        }
        if (key == null && query.has("cors")) {
            return configRoute(method, bucket, null, S3Operation.GET_BUCKET_CORS, S3Operation.PUT_BUCKET_CORS,
                    S3Operation.DELETE_BUCKET_CORS);
        }
        if (query.has("acl")) {
            return aclRoute(method, bucket, key);
        }
        if (key == null && (query.has("policy") || query.has("policyStatus"))) {
            return policyRoute(method, bucket, query);
        }
        if (key == null && query.has("ownershipControls")) {
            return configRoute(method, bucket, null, S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS,
                    S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS, S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS);
        }
        if (key == null && query.has("publicAccessBlock")) {
            return configRoute(method, bucket, null, S3Operation.GET_PUBLIC_ACCESS_BLOCK,
                    S3Operation.PUT_PUBLIC_ACCESS_BLOCK, S3Operation.DELETE_PUBLIC_ACCESS_BLOCK);
        }
        if (key == null && query.has("object-lock")) {
            return new Route(getOrPut(method, S3Operation.GET_OBJECT_LOCK_CONFIGURATION,
                    S3Operation.PUT_OBJECT_LOCK_CONFIGURATION), bucket, null);
        }
        if (query.has("retention") || query.has("legal-hold")) {
            return objectLockRoute(method, bucket, key, query);
        }
        if (key == null && query.has("lifecycle")) {
            return configRoute(method, bucket, null, S3Operation.GET_BUCKET_LIFECYCLE_CONFIGURATION,
                    S3Operation.PUT_BUCKET_LIFECYCLE_CONFIGURATION, S3Operation.DELETE_BUCKET_LIFECYCLE);
        }
        return key == null ? bucketRoute(method, bucket, query) : objectRoute(method, bucket, key, query, hasCopySource);
    }

    /** ?retention and ?legal-hold belong to an object; on a bucket they must not fall through to CreateBucket. */
    private static Route objectLockRoute(String method, String bucket, String key, QueryParams query) {
        if (key == null) {
            throw methodNotAllowed(method);
        }
        S3Operation op = query.has("retention")
                ? getOrPut(method, S3Operation.GET_OBJECT_RETENTION, S3Operation.PUT_OBJECT_RETENTION)
                : getOrPut(method, S3Operation.GET_OBJECT_LEGAL_HOLD, S3Operation.PUT_OBJECT_LEGAL_HOLD);
        return new Route(op, bucket, key);
    }

    private static S3Operation getOrPut(String method, S3Operation get, S3Operation put) {
        return switch (method) {
            case "GET" -> get;
            case "PUT" -> put;
            default -> throw methodNotAllowed(method);
        };
    }

    private static Route aclRoute(String method, String bucket, String key) {
        S3Operation op = switch (method) {
            case "GET" -> key == null ? S3Operation.GET_BUCKET_ACL : S3Operation.GET_OBJECT_ACL;
            case "PUT" -> key == null ? S3Operation.PUT_BUCKET_ACL : S3Operation.PUT_OBJECT_ACL;
            default -> throw methodNotAllowed(method);
        };
        return new Route(op, bucket, key);
    }

    private static Route policyRoute(String method, String bucket, QueryParams query) {
        S3Operation op = switch (method) {
            case "GET" -> query.has("policyStatus") ? S3Operation.GET_BUCKET_POLICY_STATUS : S3Operation.GET_BUCKET_POLICY;
            case "PUT" -> S3Operation.PUT_BUCKET_POLICY;
            case "DELETE" -> S3Operation.DELETE_BUCKET_POLICY;
            default -> throw methodNotAllowed(method);
        };
        if (op != S3Operation.GET_BUCKET_POLICY_STATUS && query.has("policyStatus")) {
            throw methodNotAllowed(method);
        }
        return new Route(op, bucket, null);
    }

    /** A configuration sub-resource of a bucket (or of an object, {@code key} set): GET reads, PUT sets, DELETE removes it. */
    private static Route configRoute(String method, String bucket, String key, S3Operation get, S3Operation put,
            S3Operation delete) {
        S3Operation op = switch (method) {
            case "GET" -> get;
            case "PUT" -> put;
            case "DELETE" -> delete;
            default -> throw methodNotAllowed(method);
        };
        return new Route(op, bucket, key);
    }

    private static Route serviceRoute(String method) {
        if (method.equals("GET")) {
            return new Route(S3Operation.LIST_BUCKETS, null, null);
        }
        throw methodNotAllowed(method);
    }

    private static Route bucketRoute(String method, String bucket, QueryParams query) {
        S3Operation op = switch (method) {
            case "GET" -> {
                if (query.has("location")) {
                    yield S3Operation.GET_BUCKET_LOCATION;
                } else if (query.has("versioning")) {
                    yield S3Operation.GET_BUCKET_VERSIONING;
                } else if (query.has("uploads")) {
                    yield S3Operation.LIST_MULTIPART_UPLOADS;
                } else if (query.has("versions")) {
                    yield S3Operation.LIST_OBJECT_VERSIONS;
                } else if ("2".equals(query.first("list-type"))) {
                    yield S3Operation.LIST_OBJECTS_V2;
                } else {
                    yield S3Operation.LIST_OBJECTS;
                }
            }
            case "PUT" -> {
                if (query.has("versioning")) {
                    yield S3Operation.PUT_BUCKET_VERSIONING;
                }
                yield S3Operation.CREATE_BUCKET;
            }
            case "HEAD" -> S3Operation.HEAD_BUCKET;
            case "DELETE" -> S3Operation.DELETE_BUCKET;
            case "POST" -> {
                if (query.has("delete")) {
                    yield S3Operation.DELETE_OBJECTS;
                }
                if (query.has("uploads")) {
                    throw methodNotAllowed(method);
                }
                yield S3Operation.POST_OBJECT;
            }
            default -> throw methodNotAllowed(method);
        };
        return new Route(op, bucket, null);
    }

    private static Route objectRoute(String method, String bucket, String key, QueryParams query, boolean hasCopySource) {
        boolean uploadId = query.has("uploadId");
        S3Operation op = switch (method) {
            case "GET" -> uploadId ? S3Operation.LIST_PARTS : S3Operation.GET_OBJECT;
            case "HEAD" -> S3Operation.HEAD_OBJECT;
            case "PUT" -> {
                boolean partNumber = query.has("partNumber");
                if (uploadId != partNumber) {
                    throw new S3Exception(S3ErrorCode.InvalidArgument, uploadId
                            ? "An upload part request must name the partNumber"
                            : "A partNumber is only valid with an uploadId");
                }
                if (uploadId) {
                    yield hasCopySource ? S3Operation.UPLOAD_PART_COPY : S3Operation.UPLOAD_PART;
                }
                yield hasCopySource ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
            }
            case "POST" -> {
                if (query.has("uploads")) {
                    yield S3Operation.CREATE_MULTIPART_UPLOAD;
                } else if (uploadId) {
                    yield S3Operation.COMPLETE_MULTIPART_UPLOAD;
                }
                throw methodNotAllowed(method);
            }
            case "DELETE" -> uploadId ? S3Operation.ABORT_MULTIPART_UPLOAD : S3Operation.DELETE_OBJECT;
            default -> throw methodNotAllowed(method);
        };
        return new Route(op, bucket, key);
    }

    private static String bucketUnder(String host, String domain) {
        if (domain == null || host == null) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            return null;
        }
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        String suffix = "." + domain;
        if (name.endsWith(suffix) && name.length() > suffix.length()) {
            return name.substring(0, name.length() - suffix.length());
        }
        return null;
    }

    private static S3Exception methodNotAllowed(String method) {
        return new S3Exception(S3ErrorCode.MethodNotAllowed, "The specified method is not allowed against this resource: " + method);
    }
}
