package io.stowage.bench.load;

import java.util.concurrent.ThreadLocalRandom;

/**
 * warp's mix: 45 % GET, 15 % PUT, 30 % HEAD, 10 % DELETE. The worker owns the keys
 * {@code i % concurrency == worker}, so its deletes never race another worker's reads; a DELETE
 * moves a key to its deleted list and a PUT re-creates a deleted key if there is one.
 */
final class MixedWorker implements Worker {

    private final Requests r;
    private final String[] paths;
    private final long size;
    private final int[] live;
    private final int[] dead;
    private int liveCount;
    private int deadCount;

    MixedWorker(Requests r, String[] paths, int worker, int concurrency, long size) {
        this.r = r;
        this.paths = paths;
        this.size = size;
        int owned = (paths.length - worker + concurrency - 1) / concurrency;
        live = new int[owned];
        dead = new int[owned];
        for (int i = worker; i < paths.length; i += concurrency) {
            live[liveCount++] = i;
        }
    }

    @Override
    public Outcome next() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int pick = rnd.nextInt(100);
        Op op = pick < 45 ? Op.GET : pick < 60 ? Op.PUT : pick < 90 ? Op.HEAD : Op.DELETE;
        if (liveCount == 0) {
            op = Op.PUT;
        }
        return switch (op) {
            case GET -> new Outcome(op, r.get(paths[live[rnd.nextInt(liveCount)]]), size, 0);
            case HEAD -> new Outcome(op, r.head(paths[live[rnd.nextInt(liveCount)]]), 0, 0);
            case DELETE -> {
                int j = rnd.nextInt(liveCount);
                int k = live[j];
                live[j] = live[--liveCount];
                dead[deadCount++] = k;
                yield new Outcome(op, r.delete(paths[k]), 0, 0);
            }
            default -> {
                int k;
                if (deadCount > 0) {
                    int j = rnd.nextInt(deadCount);
                    k = dead[j];
                    dead[j] = dead[--deadCount];
                    live[liveCount++] = k;
                } else {
                    k = live[rnd.nextInt(liveCount)];
                }
                yield new Outcome(op, r.put(paths[k]), size, 0);
            }
        };
    }
}
