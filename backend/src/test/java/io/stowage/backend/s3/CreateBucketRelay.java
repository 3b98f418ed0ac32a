package io.stowage.backend.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of a Stowage S3 endpoint that hands each CreateBucket request to a fake server, which may answer
 * it itself, and passes every other request through unchanged (the Host header included, so signatures still hold).
 * The fakes of other S3 systems use it where their rules for bucket creation differ from Stowage's: which keys may
 * create buckets (VersityGW), or what a creation does besides (MinIO's policies naming a bucket take effect on it).
 */
public final class CreateBucketRelay implements AutoCloseable {

    /** A CreateBucket request: the bucket, the access key that signed it, and the request's head as sent. */
    public record CreateBucket(String bucket, String accessKey, String head) {
    }

    /** The fake's own answer to a CreateBucket: a status, with an S3 error code and message unless it is 200. */
    public record Answer(int status, String code, String message) {
        public static Answer created() {
            return new Answer(200, null, null);
        }
    }


    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Pattern BUCKET_PATH = Pattern.compile("/[^/?]+/?");

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Function<CreateBucket, Optional<Answer>> fake;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private CreateBucketRelay(ServerSocket server, InetSocketAddress upstream, Function<CreateBucket, Optional<Answer>> fake) {
        this.server = server;
        this.upstream = upstream;
        this.fake = fake;
    }

    /** @param fake answers a CreateBucket itself, or empty to have it passed on to Stowage */
    public static CreateBucketRelay start(URI upstream, Function<CreateBucket, Optional<Answer>> fake) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CreateBucketRelay relay = new CreateBucketRelay(server, new InetSocketAddress(upstream.getHost(), upstream.getPort()), fake);
        relay.threads.submit(relay::accept);
        return relay;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket target = new Socket(upstream.getAddress(), upstream.getPort())) {
            OutputStream toClient = client.getOutputStream();
            threads.submit(() -> copy(target, client));
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toTarget = target.getOutputStream();
            while (true) {
                byte[] head = head(fromClient);
                if (head == null) {
                    return;
                }
                String text = new String(head, StandardCharsets.ISO_8859_1);
                String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
                if (isCreateBucket(requestLine)) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    relayBody(text, fromClient, body);
                    Optional<Answer> answer = fake.apply(new CreateBucket(requestLine[1].replace("/", ""), accessKey(text), text));
                    if (answer.isPresent()) {
                        answer(toClient, answer.get());
                        return;
                    }
                    toTarget.write(head);
                    body.writeTo(toTarget);
                    toTarget.flush();
                    continue;
                }
                toTarget.write(head);
                relayBody(text, fromClient, toTarget);
                toTarget.flush();
            }
        } catch (IOException e) {
            // a side closed the connection: nothing left to relay
        }
    }

    private static void answer(OutputStream toClient, Answer answer) throws IOException {
        byte[] body = answer.status() == 200 ? new byte[0] : ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + answer.code()
                + "</Code><Message>" + answer.message() + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        synchronized (toClient) {
            toClient.write(("HTTP/1.1 " + answer.status() + " " + (answer.status() == 200 ? "OK" : "Error")
                    + "\r\nContent-Type: application/xml\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            toClient.write(body);
            toClient.flush();
        }
    }

    private static boolean isCreateBucket(String[] requestLine) {
        return requestLine.length == 3 && requestLine[0].equals("PUT") && BUCKET_PATH.matcher(requestLine[1]).matches();
    }

    private static String accessKey(String head) {
        Matcher credential = CREDENTIAL.matcher(head);
        return credential.find() ? credential.group(1) : "";
    }

    /** The request's head up to and with its blank line, or null at the end of the stream. */
    private static byte[] head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return null;
    }

    private static void relayBody(String head, InputStream in, OutputStream out) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        Matcher length = Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(lower);
        if (length.find()) {
            copy(in, out, Long.parseLong(length.group(1)));
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            while (true) {
                String size = line(in);
                out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int chunk = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (chunk == 0) {
                    String trailer;
                    do {
                        trailer = line(in);
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return;
                }
                copy(in, out, chunk + 2);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the request body ends early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // either side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
