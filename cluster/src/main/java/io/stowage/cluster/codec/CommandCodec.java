package io.stowage.cluster.codec;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.stowage.engine.command.Command;
import io.stowage.engine.error.EngineException;

/**
 * Engine commands as Raft log entries, and their outcomes as the replies to the node that submitted them. Every array
 * is a format version byte and JSON; polymorphic values carry registered simple type names, never class names.
 * Thread-safe.
 */
public final class CommandCodec {

    private static final ObjectWriter COMMAND_WRITER = CodecMapper.MAPPER.writerFor(Command.class);
    private static final ObjectReader COMMAND_READER = CodecMapper.MAPPER.readerFor(Command.class);

    private CommandCodec() {
    }

    public static byte[] encodeCommand(Command<?> command) {
        return VersionedJson.write(json -> COMMAND_WRITER.writeValue(json, command));
    }

    /** @throws CodecException when the bytes are not a command this codec wrote */
    public static Command<?> decodeCommand(byte[] bytes) {
        return VersionedJson.read(bytes, json -> {
            Command<?> command = COMMAND_READER.readValue(json);
            if (command == null) {
                throw new CodecException("expected a command, found null");
            }
            return command;
        });
    }

    /**
     * @param result what {@link io.stowage.engine.Engine#apply} returned (possibly null)
     * @throws CodecException when it is of no command's result type
     */
    public static byte[] encodeResult(Object result) {
        return VersionedJson.write(json -> Outcomes.writeResult(json, result));
    }

    public static byte[] encodeFailure(EngineException failure) {
        return VersionedJson.write(json -> Outcomes.writeFailure(json, failure));
    }

    /**
     * The result of an encoded outcome.
     *
     * @throws EngineException the engine exception of a failure outcome: same class, message and resource
     * @throws CodecException when the bytes are not an outcome this codec wrote
     */
    public static Object decodeOutcome(byte[] bytes) {
        Object outcome = VersionedJson.read(bytes, Outcomes::read);
        if (outcome instanceof EngineException failure) {
            throw failure;
        }
        return outcome;
    }
}
