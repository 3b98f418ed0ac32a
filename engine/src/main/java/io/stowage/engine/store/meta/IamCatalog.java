package io.stowage.engine.store.meta;

import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.User;
import io.stowage.engine.store.codec.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/** Reads users, keys and grants from the metadata store into one snapshot. */
public final class IamCatalog {

    private final MetaStore meta;

    public IamCatalog(MetaStore meta) {
        this.meta = meta;
    }

    public IamState load() {
        List<User> users = all(Cf.USERS, RecordCodec::decodeUser);
        List<AccessKey> keys = all(Cf.KEYS, RecordCodec::decodeAccessKey);
        List<Grant> grants = all(Cf.GRANTS, RecordCodec::decodeGrant);
        return new IamState(users, keys, grants);
    }

    private <T> List<T> all(Cf cf, Function<byte[], T> decode) {
        List<T> records = new ArrayList<>();
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(cf, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                records.add(decode.apply(it.value()));
            }
        }
        return records;
    }
}
