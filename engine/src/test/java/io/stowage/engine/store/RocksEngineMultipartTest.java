package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.OWNER;
import static io.stowage.engine.store.EngineFixture.big;
import static io.stowage.engine.store.EngineFixture.body;
import static io.stowage.engine.store.EngineFixture.createBucket;
import static io.stowage.engine.store.EngineFixture.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.AbortMultipartUpload;
import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.InvalidPartException;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.model.ListUploadsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.PartListing;
import io.stowage.engine.model.UploadListing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineMultipartTest {

    @TempDir
    Path dir;

    private static MultipartUpload upload(String key, String uploadId, long initiated) {
        return new MultipartUpload(key, uploadId, initiated, OWNER, Map.of("content-type", "text/plain"), Map.of("m", "1"), null, null, null);
    }

    private static Part uploadPart(RocksEngine engine, String key, String uploadId, int number, String content) {
        ObjectBody b = body(engine, content.getBytes(StandardCharsets.UTF_8));
        return engine.apply(new UploadPart("b", key, uploadId, new Part(number, b.size(), "etag-" + number + "-" + content.hashCode(),
                3_000L, Map.of(), b)));
    }

    private static ObjectVersion complete(RocksEngine engine, String key, String uploadId, List<Part> parts) {
        ObjectBody.Multipart body = new ObjectBody.Multipart(parts);
        ObjectVersion v = new ObjectVersion(key, ObjectVersion.NULL_ID, false, body.size(), "final-" + parts.size(), 4_000L, OWNER,
                Map.of(), Map.of(), Map.of(), body, null);
        return engine.apply(new CompleteMultipartUpload("b", uploadId, v, WritePrecondition.NONE));
    }

    private long blobFiles() {
        return files(dir.resolve("blobs")).size();
    }

    @Test
    void completionAssemblesByReferenceAndFreesUnchosenAndReplacedParts() throws Exception {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("k", "u1", 10)));
            Part p1 = uploadPart(engine, "k", "u1", 1, big("one"));
            uploadPart(engine, "k", "u1", 2, big("two-old"));
            Part p2 = uploadPart(engine, "k", "u1", 2, big("two"));
            uploadPart(engine, "k", "u1", 3, big("three-unused"));
            Part p4 = uploadPart(engine, "k", "u1", 4, "tail");
            assertThat(blobFiles()).as("replaced part 2 freed").isEqualTo(3);
            assertThat(engine.parts("b", "k", "u1")).extracting(Part::number).containsExactly(1, 2, 3, 4);

            List<Path> before = files(dir.resolve("blobs"));
            ObjectVersion done = complete(engine, "k", "u1", List.of(p1, p2, p4));
            assertThat(done.size()).isEqualTo(p1.size() + p2.size() + p4.size());
            assertThat(blobFiles()).as("unchosen part 3 freed, chosen ones kept in place").isEqualTo(2);
            assertThat(before).containsAll(files(dir.resolve("blobs")));

            ObjectVersion stored = engine.object("b", "k", null);
            assertThat(stored.body()).isInstanceOf(ObjectBody.Multipart.class);
            ObjectBody.Multipart multipart = (ObjectBody.Multipart) stored.body();
            assertThat(multipart.parts()).extracting(Part::number).containsExactly(1, 2, 4);
            assertThat(new String(Files.readAllBytes(EngineFixture.blobFile(dir, ((ObjectBody.Blob) multipart.parts().get(1).body()).blobId()))))
                    .isEqualTo(big("two"));
            assertThat(multipart.parts().get(2).body()).isInstanceOf(ObjectBody.Inline.class);

            assertThatThrownBy(() -> engine.upload("b", "k", "u1")).isInstanceOf(NoSuchUploadException.class);
            assertThatThrownBy(() -> complete(engine, "k", "u1", List.of(p1))).isInstanceOf(NoSuchUploadException.class);

            engine.apply(new DeleteObject("b", "k", null));
            assertThat(blobFiles()).as("deleting the object frees its parts").isZero();
        }
    }

    @Test
    void aPartReplacedAfterItWasChosenIsInvalid() {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("k", "u1", 10)));
            Part first = uploadPart(engine, "k", "u1", 1, big("first"));
            uploadPart(engine, "k", "u1", 1, big("second"));
            assertThatThrownBy(() -> complete(engine, "k", "u1", List.of(first))).isInstanceOf(InvalidPartException.class);
            assertThat(engine.upload("b", "k", "u1").uploadId()).isEqualTo("u1");
        }
    }

    @Test
    void overwritingAMultipartObjectFreesAllItsParts() {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("k", "u1", 10)));
            complete(engine, "k", "u1", List.of(uploadPart(engine, "k", "u1", 1, big("a")), uploadPart(engine, "k", "u1", 2, big("b"))));
            assertThat(blobFiles()).isEqualTo(2);
            EngineFixture.put(engine, "b", "k", "small");
            assertThat(blobFiles()).isZero();
        }
    }

    @Test
    void abortFreesEveryPartAndTheUploadIsGone() {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("k", "u1", 10)));
            uploadPart(engine, "k", "u1", 1, big("a"));
            uploadPart(engine, "k", "u1", 2, big("b"));
            engine.apply(new AbortMultipartUpload("b", "k", "u1"));
            assertThat(blobFiles()).isZero();
            assertThatThrownBy(() -> engine.apply(new AbortMultipartUpload("b", "k", "u1"))).isInstanceOf(NoSuchUploadException.class);
            assertThatThrownBy(() -> uploadPart(engine, "k", "u1", 3, big("x"))).isInstanceOf(NoSuchUploadException.class);
            assertThat(files(dir.resolve("tmp"))).as("the refused part's body is the caller's to discard").hasSize(1);
        }
    }

    @Test
    void anUploadBelongsToItsKey() {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("k", "u1", 10)));
            assertThatThrownBy(() -> engine.upload("b", "other", "u1")).isInstanceOf(NoSuchUploadException.class);
        }
    }

    @Test
    void listsPartsInPages() {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("k", "u1", 10)));
            for (int n : new int[] {1, 2, 3, 5, 8, 10000}) {
                uploadPart(engine, "k", "u1", n, "p" + n);
            }
            PartListing first = engine.listParts("b", "k", "u1", 0, 4);
            assertThat(first.parts()).extracting(Part::number).containsExactly(1, 2, 3, 5);
            assertThat(first.truncated()).isTrue();
            assertThat(first.nextPartNumberMarker()).isEqualTo(5);
            PartListing rest = engine.listParts("b", "k", "u1", 5, 4);
            assertThat(rest.parts()).extracting(Part::number).containsExactly(8, 10000);
            assertThat(rest.truncated()).isFalse();
        }
    }

    @Test
    void listsUploadsByKeyThenInitiationWithMarkersAndPrefixes() {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("a/1", "0001", 1)));
            engine.apply(new CreateMultipartUpload("b", upload("a/2", "0002", 2)));
            engine.apply(new CreateMultipartUpload("b", upload("k", "0003", 3)));
            engine.apply(new CreateMultipartUpload("b", upload("k", "0004", 4)));
            engine.apply(new CreateMultipartUpload("b", upload("z", "0005", 5)));

            UploadListing all = engine.listUploads(new ListUploadsRequest("b", "", null, null, null, 1000));
            assertThat(all.uploads()).extracting(MultipartUpload::uploadId).containsExactly("0001", "0002", "0003", "0004", "0005");

            UploadListing page = engine.listUploads(new ListUploadsRequest("b", "", null, null, null, 3));
            assertThat(page.truncated()).isTrue();
            assertThat(page.nextKeyMarker()).isEqualTo("k");
            assertThat(page.nextUploadIdMarker()).isEqualTo("0003");
            UploadListing next = engine.listUploads(new ListUploadsRequest("b", "", null, "k", "0003", 3));
            assertThat(next.uploads()).extracting(MultipartUpload::uploadId).containsExactly("0004", "0005");
            assertThat(engine.listUploads(new ListUploadsRequest("b", "", null, "k", null, 10)).uploads())
                    .extracting(MultipartUpload::uploadId).containsExactly("0005");

            UploadListing collapsed = engine.listUploads(new ListUploadsRequest("b", "", "/", null, null, 10));
            assertThat(collapsed.commonPrefixes()).containsExactly("a/");
            assertThat(collapsed.uploads()).extracting(MultipartUpload::key).containsExactly("k", "k", "z");

            assertThat(engine.uploadsInitiatedBefore(3, 10)).extracting(r -> r.uploadId()).containsExactly("0001", "0002");
        }
    }

    @Test
    void deletingABucketAbortsItsUploads() {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("k", "u1", 10)));
            uploadPart(engine, "k", "u1", 1, big("a"));
            engine.apply(new DeleteBucket("b"));
            assertThat(blobFiles()).isZero();
            assertThat(engine.uploadsInitiatedBefore(Long.MAX_VALUE, 10)).isEmpty();
        }
    }

    @Test
    void uploadsAndCompletedObjectsSurviveReopen() {
        Part p1;
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            engine.apply(new CreateMultipartUpload("b", upload("k", "u1", 10)));
            p1 = uploadPart(engine, "k", "u1", 1, big("persist"));
        }
        try (RocksEngine engine = EngineFixture.open(dir)) {
            assertThat(engine.parts("b", "k", "u1")).containsExactly(p1);
            complete(engine, "k", "u1", List.of(p1));
        }
        try (RocksEngine engine = EngineFixture.open(dir)) {
            assertThat(engine.object("b", "k", null).body()).isEqualTo(new ObjectBody.Multipart(List.of(p1)));
            assertThat(blobFiles()).isEqualTo(1);
        }
    }
}
