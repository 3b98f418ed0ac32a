package io.stowage.cluster.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.stowage.engine.command.AbortMultipartUpload;
import io.stowage.engine.command.Command;
import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateAccessKey;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.command.DeleteAccessKey;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.DeleteGrant;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.DeleteUser;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.PutGrant;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.SetAccessKeyStatus;
import io.stowage.engine.command.SetBucketOwner;
import io.stowage.engine.command.SetBucketQuota;
import io.stowage.engine.command.SetPrefixQuota;
import io.stowage.engine.command.DeletePrefixQuota;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.command.SetObjectAcl;
import io.stowage.engine.command.SetObjectLegalHold;
import io.stowage.engine.command.SetObjectRetention;
import io.stowage.engine.command.SetObjectTags;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.model.ObjectBody;
import java.util.Arrays;

/**
 * The one Jackson mapper of the codec, configured without touching the engine's classes: records are written from
 * their components only and read through their canonical constructors, the sealed types carry registered simple names,
 * and reading is strict (unknown or missing fields, duplicate fields and type coercions are errors).
 */
final class CodecMapper {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addMixIn(Command.class, TypeNameMixin.class)
            .addMixIn(ObjectBody.class, TypeNameMixin.class)
            .registerSubtypes(named(CreateBucket.class, DeleteBucket.class, PutObject.class, DeleteObject.class,
                    CreateMultipartUpload.class, UploadPart.class, CompleteMultipartUpload.class,
                    AbortMultipartUpload.class, CreateUser.class, DeleteUser.class, CreateAccessKey.class,
                    SetAccessKeyStatus.class, DeleteAccessKey.class, PutGrant.class, DeleteGrant.class,
                    SetBucketOwner.class, SetBucketQuota.class, PutBucketConfig.class, DeleteBucketConfig.class,
                    SetObjectAcl.class, SetBucketVersioning.class, SetObjectRetention.class, SetObjectLegalHold.class,
                    SetObjectTags.class, SetPrefixQuota.class, DeletePrefixQuota.class))
            .registerSubtypes(named(ObjectBody.Inline.class, ObjectBody.Blob.class, ObjectBody.Multipart.class))
            // Properties are the record components, read from the fields: a derived getX() or isX() added to a model
            // record would otherwise be written as a property that reading then refuses.
            .visibility(PropertyAccessor.GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.SETTER, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Every component is written (nulls too), so a missing one means bytes of another shape; a field added to
            // a command later needs a new format version, not a silent default.
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // Jackson turns numbers and booleans into strings unless told not to.
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private CodecMapper() {
    }

    private static NamedType[] named(Class<?>... types) {
        return Arrays.stream(types).map(type -> new NamedType(type, type.getSimpleName())).toArray(NamedType[]::new);
    }
}
