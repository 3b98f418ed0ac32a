package io.stowage.backend.versitygw;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.Bucket;
import io.stowage.admin.client.KeyPair;
import io.stowage.backend.AccessKey;
import io.stowage.backend.s3.CreateBucketRelay;
import io.stowage.backend.s3.S3Xml;
import io.stowage.backend.s3.SigV4Signer;
import io.stowage.server.it.StowageServerExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An in-process stand-in for VersityGW, written from its source and API description (versitygw {@code
 * s3api/admin-router.go}, {@code s3api/controllers/admin.go}, {@code auth/iam.go}, {@code s3err/s3err.go}), <b>not</b> a
 * VersityGW: none can run on these machines, so the VersityGW backend is verified only against this fake.
 *
 * <p>Its admin API (on a port of its own, as with {@code --admin-port}) serves the {@code PATCH} routes
 * {@link VersityBackend} calls: create-user, delete-user, list-users, list-buckets, change-bucket-owner and
 * {@code /<bucket>/create} with {@code x-vgw-owner}. Each request's SigV4 signature (service {@code s3}) is checked
 * against the account's secret, and the signer must have the role {@code admin}; errors are VersityGW's
 * ({@code XAdminUserExists} 409, {@code XAdminUserNotFound} 404, {@code XAdminAccessDenied} 403, ...).
 *
 * <p>The S3 side is a real Stowage server behind a {@link CreateBucketRelay}: each VersityGW account is a Stowage user
 * named by the access key id, with that one key (an {@code admin} account a Stowage admin), so bucket-policy principals
 * (access key ids in VersityGW) name the same user on both; bucket owners are Stowage bucket owners;
 * change-bucket-owner sets the Stowage owner and deletes the bucket policy, as VersityGW's
 * {@code auth.UpdateBucketACLOwner} does. Bucket policies, tags, objects and bucket-name checks are Stowage's.
 * Not modelled: that in VersityGW a bucket's policy, once set, replaces its ACL even for the owner (the backend
 * always names the owner's keys in the policy, so both behave the same for it); PutBucketPolicy's check that every
 * principal exists; update-user; ProjectID; every call the backend does not make.
 */
final class FakeVersityGw implements AutoCloseable {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> ROLES = Set.of("user", "admin", "userplus");
    private static final Set<String> SIGNATURE_HEADERS = Set.of("host", "x-amz-date", "x-amz-content-sha256", "authorization");

    private record Account(String secret, String role) {
    }

    /** An error VersityGW answers: status and code. */
    private static final class VersityError extends Exception {
        final int status;
        final String code;

        VersityError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private final HttpServer server;
    private final AdminClient stowage;
    private final CreateBucketRelay s3;
    private final Map<String, Account> accounts = new LinkedHashMap<>();

    private FakeVersityGw(HttpServer server, AdminClient stowage, CreateBucketRelay s3) {
        this.server = server;
        this.stowage = stowage;
        this.s3 = s3;
    }

    /** Starts a fake over the given Stowage server whose first account, {@code root}, has the role {@code admin}. */
    static FakeVersityGw start(StowageServerExtension stowageServer, AccessKey root) throws IOException {
        AdminClient stowage = AdminClient.builder(stowageServer.adminEndpoint()).token(StowageServerExtension.ADMIN_TOKEN).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeVersityGw[] fake = new FakeVersityGw[1];
        CreateBucketRelay relay = CreateBucketRelay.start(stowageServer.endpoint(), create -> fake[0].mayCreateBuckets(create.accessKey())
                ? Optional.empty() : Optional.of(new CreateBucketRelay.Answer(403, "AccessDenied", "Access Denied.")));
        fake[0] = new FakeVersityGw(server, stowage, relay);
        fake[0].createAccount(root, "admin");
        server.createContext("/", fake[0]::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return fake[0];
    }

    URI adminEndpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI s3Endpoint() {
        return s3.endpoint();
    }

    /** Creates an account as create-user would, for a test's setup. */
    synchronized void createAccount(AccessKey key, String role) {
        stowage.createUser(key.id(), "admin".equals(role), new KeyPair(key.id(), key.secret()));
        accounts.put(key.id(), new Account(key.secret(), role));
    }

    /** Deletes an account as delete-user would, for a test's setup. */
    synchronized void deleteAccount(String access) {
        stowage.deleteUser(access);
        accounts.remove(access);
    }

    synchronized boolean hasAccount(String access) {
        return accounts.containsKey(access);
    }

    private synchronized boolean mayCreateBuckets(String access) {
        Account account = accounts.get(access);
        return account != null && !"user".equals(account.role());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            byte[] answer = new byte[0];
            try {
                authenticate(exchange, body);
                if (!"PATCH".equals(exchange.getRequestMethod())) {
                    throw new VersityError(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
                }
                String path = exchange.getRequestURI().getPath();
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                synchronized (this) {
                    switch (path) {
                        case "/create-user" -> {
                            createUser(body);
                            status = 201;
                        }
                        case "/delete-user" -> deleteUser(query.getOrDefault("access", ""));
                        case "/list-users" -> answer = listUsers();
                        case "/list-buckets" -> answer = listBuckets();
                        case "/change-bucket-owner", "/change-bucket-owner/" -> changeOwner(query.getOrDefault("bucket", ""),
                                query.getOrDefault("owner", ""));
                        default -> {
                            if (!path.matches("/[^/]+/create")) {
                                throw new VersityError(404, "NotFound", "no admin route " + path);
                            }
                            createBucket(path.substring(1, path.length() - "/create".length()),
                                    exchange.getRequestHeaders().getFirst("x-vgw-owner"));
                            status = 201;
                        }
                    }
                }
            } catch (VersityError e) {
                status = e.status;
                answer = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + e.code + "</Code><Message>" + e.getMessage()
                        + "</Message><Resource></Resource><RequestId></RequestId><HostId></HostId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        } finally {
            exchange.close();
        }
    }

    /** Checks the SigV4 signature by signing the same request with the account's secret, and the signer's role. */
    private void authenticate(HttpExchange exchange, byte[] body) throws VersityError {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher parts = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (parts == null || !parts.matches()) {
            throw new VersityError(403, "AccessDenied", "Access Denied.");
        }
        Account account;
        synchronized (this) {
            account = accounts.get(parts.group(1));
        }
        if (account == null) {
            throw new VersityError(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }
        String payload = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        if (payload == null || !payload.equals(SigV4Signer.sha256Hex(body))) {
            throw new VersityError(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        URI received = exchange.getRequestURI();
        String host = exchange.getRequestHeaders().getFirst("Host");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + received.getRawPath()
                + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery())))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        for (String name : parts.group(4).split(";")) {
            if (!SIGNATURE_HEADERS.contains(name)) {
                request.header(name, exchange.getRequestHeaders().getFirst(name));
            }
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(exchange.getRequestHeaders().getFirst("x-amz-date")));
        String expected = SigV4Signer.s3(new AccessKey(parts.group(1), account.secret()), parts.group(3), Clock.fixed(signedAt, ZoneOffset.UTC))
                .sign(request.build(), payload).headers().firstValue("Authorization").orElse("");
        if (!expected.equals(authorization)) {
            throw new VersityError(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
        }
        if (!"admin".equals(account.role())) {
            throw new VersityError(403, "XAdminAccessDenied", "Only admin users have access to this resource.");
        }
    }

    private void createUser(byte[] body) throws VersityError {
        Map<String, String> fields = leaves(body, "Account");
        String access = fields.getOrDefault("Access", "");
        String secret = fields.getOrDefault("Secret", "");
        String role = fields.getOrDefault("Role", "");
        if (access.isEmpty()) {
            throw new VersityError(404, "XAdminInvalidArgument", "User access key ID is missing.");
        }
        if (!ROLES.contains(role)) {
            throw new VersityError(400, "XAdminInvalidArgument", "User role has to be one of the following: 'user', 'admin', 'userplus'.");
        }
        if (accounts.containsKey(access)) {
            throw new VersityError(409, "XAdminUserExists", "A user with the provided access key ID already exists.");
        }
        try {
            createAccount(new AccessKey(access, secret), role);
        } catch (AdminApiException e) {
            throw new VersityError(400, "InvalidRequest", "the access key or secret is refused: " + e.code());
        }
    }

    private void deleteUser(String access) throws VersityError {
        if (!accounts.containsKey(access)) {
            throw new VersityError(404, "XAdminUserNotFound", "No user exists with the provided access key ID.");
        }
        deleteAccount(access);
    }

    private byte[] listUsers() {
        StringBuilder xml = new StringBuilder("<ListUserAccountsResult>");
        accounts.forEach((access, account) -> xml.append("<Accounts><Access>").append(access).append("</Access><Secret>")
                .append(account.secret()).append("</Secret><Role>").append(account.role())
                .append("</Role><UserID>0</UserID><GroupID>0</GroupID></Accounts>"));
        return xml.append("</ListUserAccountsResult>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] listBuckets() {
        StringBuilder xml = new StringBuilder("<ListBucketsResult>");
        for (Bucket bucket : stowage.listBuckets()) {
            xml.append("<Buckets><Name>").append(bucket.name()).append("</Name><Owner>").append(bucket.owner()).append("</Owner></Buckets>");
        }
        return xml.append("</ListBucketsResult>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private void createBucket(String bucket, String owner) throws VersityError {
        if (owner == null || owner.isEmpty()) {
            throw new VersityError(400, "XAdminInvalidArgument", "the x-vgw-owner header is missing");
        }
        if (!accounts.containsKey(owner)) {
            throw new VersityError(404, "XAdminUserNotFound", "No user exists with the provided access key ID.");
        }
        try {
            stowage.createBucket(bucket, owner, null);
        } catch (AdminApiException e) {
            if (e.isConflict()) {
                boolean mine = stowage.listBuckets().stream().anyMatch(b -> b.name().equals(bucket) && b.owner().equals(owner));
                throw mine ? new VersityError(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.")
                        : new VersityError(409, "BucketAlreadyExists", "The requested bucket name is not available.");
            }
            throw new VersityError(400, "InvalidBucketName", "The specified bucket is not valid.");
        }
    }

    private void changeOwner(String bucket, String owner) throws VersityError {
        if (!accounts.containsKey(owner)) {
            throw new VersityError(404, "XAdminUserNotFound", "No user exists with the provided access key ID.");
        }
        try {
            stowage.setBucketOwner(bucket, owner);
        } catch (AdminApiException e) {
            if (e.isNotFound()) {
                throw new VersityError(404, "NoSuchBucket", "The specified bucket does not exist");
            }
            throw e;
        }
        try {
            stowage.deleteBucketPolicy(bucket);
        } catch (AdminApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    /** The texts of the root element's children. */
    private static Map<String, String> leaves(byte[] document, String root) throws VersityError {
        Map<String, String> leaves = new HashMap<>();
        try {
            XMLStreamReader reader = S3Xml.newReader(new ByteArrayInputStream(document));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 1 && !root.equals(reader.getLocalName())) {
                        throw new VersityError(400, "MalformedXML", "expected " + root);
                    }
                    if (depth == 2) {
                        leaves.put(reader.getLocalName(), reader.getElementText());
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new VersityError(400, "MalformedXML", "The XML you provided was not well-formed.");
        }
        return leaves;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        s3.close();
        stowage.close();
    }
}
