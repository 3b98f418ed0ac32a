package io.stowage.bench.load;

import io.stowage.bench.load.http.Response;

import java.util.concurrent.ThreadLocalRandom;

/**
 * warp's mix: 45 % GET, 15 % PUT, 30 % HEAD, 10 % DELETE. The worker owns the keys
 * {@code i % concurrency == worker}, so its deletes never race another worker's reads; a DELETE
 * moves a key to its deleted list and a PUT re-creates a deleted key if there is one.
 */
final class MixedWorker implements Worker {

    private final ObjectRequests requests;
    private final byte[][] paths;
    private final int[] live;
    private final int[] dead;
    private int liveCount;
    private int deadCount;
    private Op op;
    private byte[] path;

    MixedWorker(ObjectRequests requests, byte[][] paths, int worker, int concurrency) {
        this.requests = requests;
        this.paths = paths;
        int owned = (paths.length - worker + concurrency - 1) / concurrency;
        live = new int[owned];
        dead = new int[owned];
        for (int i = worker; i < paths.length; i += concurrency) {
            live[liveCount++] = i;
        }
    }

    @Override
    public Request next() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int pick = rnd.nextInt(100);
        op = pick < 45 ? Op.GET : pick < 60 ? Op.PUT : pick < 90 ? Op.HEAD : Op.DELETE;
        if (liveCount == 0) {
            op = Op.PUT;
        }
        int k = switch (op) {
            case GET, HEAD -> live[rnd.nextInt(liveCount)];
            case DELETE -> {
                int j = rnd.nextInt(liveCount);
                int key = live[j];
                live[j] = live[--liveCount];
                dead[deadCount++] = key;
                yield key;
            }
            default -> {
                if (deadCount == 0) {
                    yield live[rnd.nextInt(liveCount)];
                }
                int j = rnd.nextInt(deadCount);
                int key = dead[j];
                dead[j] = dead[--deadCount];
                live[liveCount++] = key;
                yield key;
            }
        };
        path = paths[k];
        return requests.request(op, path);
    }

    @Override
    public Outcome finish(Response response) {
        return new Outcome(op, requests.check(op, path, response), requests.bytes(op), 0);
    }
}
